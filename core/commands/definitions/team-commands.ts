import { formatQueueLine } from '../format-view.ts';
import type { CommandDefinition } from '../types.ts';

/** Commands of staff about their own work: whether they take questions, and their team's queue. */
export const TEAM_COMMANDS: CommandDefinition[] = [
  {
    name: 'onduty', kind: 'command', descriptionKey: 'command.onduty.description', permission: 'staff', scope: 'any',
    options: [
      { name: 'on', descriptionKey: 'option.on.description', type: 'boolean', required: false },
      { name: 'team', descriptionKey: 'option.team.description', type: 'team', required: false },
    ],
    handler: async ({ args, invocation, services, t }) => {
      const wanted = args['on'];
      const team = args['team'];
      const person = { platform: invocation.platform, userId: invocation.actor.userId, displayName: invocation.actor.displayName };
      const { onDuty } = await services.owners.onDuty({
        communityId: invocation.communityId,
        person,
        ...(typeof wanted === 'boolean' ? { onDuty: wanted } : {}),
        ...(typeof team === 'string' ? { team } : {}),
        ...(invocation.channelId === undefined ? {} : { channelId: invocation.channelId }),
      });
      return { visibility: 'private', text: t(onDuty ? 'reply.onduty.on' : 'reply.onduty.off') };
    },
  },
  {
    name: 'queue', kind: 'command', descriptionKey: 'command.queue.description', permission: 'staff', scope: 'channel',
    options: [{ name: 'team', descriptionKey: 'option.team.description', type: 'team', required: false }],
    handler: async ({ args, invocation, services, t, now }) => {
      const team = args['team'];
      const person = { platform: invocation.platform, userId: invocation.actor.userId, displayName: invocation.actor.displayName };
      const listed = await services.queue.list({
        communityId: invocation.communityId,
        person,
        ...(typeof team === 'string' ? { team } : {}),
        ...(invocation.channelId === undefined ? {} : { channelId: invocation.channelId }),
      });
      if (listed.questions.length === 0) return { visibility: 'private', text: t('reply.queue.empty', { team: listed.team.name }) };
      // Oldest first whatever order the service keeps: the longest wait is the first to take.
      const questions = [...listed.questions].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime());
      const lines = questions.map((view) => formatQueueLine(view, now, t));
      return { visibility: 'private', text: [t('reply.queue.title', { team: listed.team.name, count: questions.length }), ...lines].join('\n') };
    },
  },
];
