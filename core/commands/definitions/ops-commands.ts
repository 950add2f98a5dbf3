import type { Translator } from '../../i18n/index.ts';
import type { CommandDefinition } from '../types.ts';

/** The typed commands (of one group, when given) with their descriptions, under a heading. */
export function formatHelp(definitions: readonly CommandDefinition[], t: Translator, group?: string): string {
  const listed = definitions.filter((definition) => definition.kind === 'command' && (group === undefined || definition.name.startsWith(`${group} `)));
  const lines = listed.map((definition) => `- ${t('reply.help.line', { name: definition.name, description: t(definition.descriptionKey) })}`);
  return [group === undefined ? t('reply.help.title') : t('reply.help.group', { group }), ...lines].join('\n');
}

/** Lists the commands with their descriptions. */
export const HELP_COMMAND: CommandDefinition = {
  name: 'help', kind: 'command', descriptionKey: 'command.help.description', options: [], permission: 'anyone', scope: 'any',
  handler: async ({ definitions, t }) => ({ visibility: 'private', text: formatHelp(definitions, t) }),
};

/** Dead letters for moderators: `heimo deliveries list|retry` in chat, limited to their community. */
export const DELIVERIES_COMMAND: CommandDefinition = {
  name: 'deliveries', kind: 'command', descriptionKey: 'command.deliveries.description', permission: 'moderator', scope: 'any',
  options: [
    { name: 'action', descriptionKey: 'option.action.description', type: 'choice', required: true, choices: [{ value: 'list', labelKey: 'choice.action.list' }, { value: 'retry', labelKey: 'choice.action.retry' }] },
    { name: 'id', descriptionKey: 'option.id.description', type: 'string', required: false },
  ],
  handler: async ({ args, invocation, services, t }) => {
    const { communityId } = invocation;
    if (args['action'] === 'retry') {
      const id = args['id'];
      const { streams } = await services.deliveries.retry({ communityId, ...(typeof id === 'string' ? { ids: id.split(/[\s,]+/).filter(Boolean) } : {}) });
      return { visibility: 'private', text: t('reply.deliveries.retried', { count: streams }) };
    }
    const dead = await services.deliveries.listDead(communityId);
    if (dead.length === 0) return { visibility: 'private', text: t('reply.deliveries.empty') };
    const lines = dead.map((entry) => `- ${t('reply.deliveries.line', { id: entry.id, platform: entry.platform, kind: entry.kind, attempts: entry.attempts, error: entry.lastError ?? '' })}`);
    return { visibility: 'private', text: lines.join('\n') };
  },
};
