import type { CommandServices } from '../commands/index.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import { HeimoError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { MOVED_RULE } from '../routing/index.ts';
import type { QuestionFinder } from './find-questions.ts';
import { communityOf, teamNamed, type CommandServicesConfig } from './question-deps.ts';

/**
 * Moves a question to another team in one transaction: the route is recorded, the conversation
 * points at the team's destination, the old card gets a note saying where it went (its link is
 * dropped, its ids kept in the note), a new card is posted there, and `question.routed` tells
 * the other capabilities (round robin, clocks).
 */
export function createMoveQuestion(config: CommandServicesConfig, finder: QuestionFinder): CommandServices['routing']['move'] {
  const { jobs, conversations, routes, outbox } = config;
  const now = config.now ?? (() => new Date());

  return async ({ conversationId, actor, team: teamName }) => {
    const summary = await finder.summaryOf(conversationId);
    const community = communityOf(config, summary.communityId);
    const team = teamNamed(community, teamName);
    const route = await routes.find(conversationId);
    if (route?.teamId === team.id) throw new HeimoError('CONFLICT', `the question is with ${team.name} already`);
    const at = now();
    const note = translator(undefined, community.locale)('reply.move', { name: actor.displayName ?? actor.userId, team: team.name });

    await jobs.transaction(async (tx) => {
      const old = await conversations.moveDestination(tx, conversationId, team.destination);
      await routes.save({ conversationId, communityId: community.id, teamId: team.id, rule: MOVED_RULE, tierId: route?.tierId ?? null, language: route?.language ?? null, routedAt: at }, tx);
      const drafts: OutboxDraft[] = [];
      if (old !== null) {
        const oldTeamId = summary.destination.channelId === old.channelId ? summary.destination.teamId : undefined;
        drafts.push({
          platform: old.platform,
          kind: 'notice.post',
          payload: { channelId: old.channelId, threadId: old.threadId, cardMessageId: old.cardMessageId ?? '', text: note, movedTo: team.id, ...(oldTeamId === undefined ? {} : { teamId: oldTeamId }) },
        });
      }
      drafts.push({ platform: team.destination.platform, kind: 'card.post', payload: {} });
      await outbox.enqueue(tx, conversationId, drafts);
      await jobs.publish(tx, { type: 'question.routed', conversationId, teamId: team.id, rule: MOVED_RULE, actor, at: at.toISOString() });
    });
    return { teamName: team.name };
  };
}
