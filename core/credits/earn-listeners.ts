import type { TranscriptReader } from '../conversations/index.ts';
import type { AccountRef, Actor, ArticleContributorRef } from '../domain/domain-events.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { RoutingStore } from '../routing/index.ts';
import { award } from './award.ts';
import { accountKey, bothRecent, inferThanked, type ThreadMessage } from './credit-rules.ts';
import { bareParty, type CreditsContext, type Party } from './credits-context.ts';

/** What the earning listeners read beside the ledger: transcripts (authors, bots, recency) and routes. */
export interface EarnConfig {
  jobs: Pick<Jobs, 'on'>;
  transcripts: TranscriptReader;
  routes: Pick<RoutingStore, 'find'>;
}

/** The listener names credits registers (one job per event and name). */
export const CREDIT_LISTENERS = {
  resolved: 'credits.resolved',
  published: 'credits.article-published',
  suggestion: 'credits.suggestion-accepted',
  gratitude: 'credits.gratitude',
  deleted: 'credits.source-deleted',
} as const;

type Thread = { messages: ThreadMessage[]; reachedStaff: boolean; party(account: AccountRef, fallbackName?: string): Promise<Party> };

async function threadOf(config: EarnConfig, conversationId: string | null, tx: Tx): Promise<Thread> {
  const transcript = conversationId === null ? null : await config.transcripts.transcript(conversationId, tx);
  const all = transcript?.messages ?? [];
  const messages: ThreadMessage[] = all.map((message) => ({
    id: message.id, writtenAt: message.writtenAt, deleted: message.deleted,
    author: { platform: message.author.platform, userId: message.author.userId, isBot: message.author.isBot, isAsker: message.author.isAsker },
  }));
  return {
    messages,
    // The card was posted in a team's channel: staff saw the question (not only the community).
    reachedStaff: (transcript?.links ?? []).some((link) => link.side === 'employee'),
    async party(account, fallbackName) {
      const written = all.find((message) => accountKey(message.author) === accountKey(account))?.author;
      if (written === undefined) return bareParty(account, fallbackName);
      return { platform: account.platform, userId: account.userId, displayName: written.displayName, isBot: written.isBot, employee: written.side === 'employee' };
    },
  };
}

const personActor = (actor: Actor): (AccountRef & { displayName?: string }) | null => (actor.kind === 'person' ? actor : null);

const answerers = (contributors: readonly ArticleContributorRef[]): AccountRef[] => {
  const seen = new Map<string, AccountRef>();
  for (const c of contributors) if (c.role === 'answerer') seen.set(accountKey(c), { platform: c.platform, userId: c.userId });
  return [...seen.values()];
};

/**
 * Registers the earning listeners (before `jobs.start()`, in every process). Each runs in its
 * event's transaction; source keys make a redelivered event append nothing.
 */
export function listenForCredits(ctx: CreditsContext, config: EarnConfig): void {
  const { jobs } = config;
  const enabled = (communityId: string) => ctx.settings(communityId).enabled;

  // The solution's author is credited (more when the question was routed to staff and a member
  // saved them the work); the acceptor is credited for accepting someone else's answer.
  jobs.on('question.resolved', CREDIT_LISTENERS.resolved, async (event, tx) => {
    const { solution, conversationId, communityId } = event;
    if (solution === null || event.articleId !== undefined || !enabled(communityId)) return;
    const { points } = ctx.settings(communityId);
    const thread = await threadOf(config, conversationId, tx);
    const answerer = await thread.party({ platform: solution.platform, userId: solution.authorId });
    const accepter = personActor(event.acceptedBy);
    const giver = accepter === null ? null : await thread.party(accepter, accepter.displayName);
    const staff = answerer.employee === true || (await ctx.identity.isStaff(answerer, communityId, tx));
    // Routed to staff: a team took the question and its card reached them; a question answered inside
    // its community-first window (no card yet) saved staff nothing.
    const routed = !staff && thread.reachedStaff && (await config.routes.find(conversationId, tx)) !== null;
    const base = { communityId, conversationId, messageId: solution.messageId, ring: true };
    const answered = await award(ctx, tx, {
      ...base, receiver: answerer, giver, reason: routed ? 'answer.accepted.routed' : 'answer.accepted',
      points: routed ? points.answerAcceptedRouted : points.answerAccepted, sourceKey: `answer:${conversationId}`,
    });
    if (giver === null || accountKey(giver) === accountKey(answerer)) return;
    // Never for accepting one's own answer (another account of the same person included), nor a bot's.
    if (answered.kind === 'refused' && (answered.refusal === 'self' || answered.refusal === 'bot')) return;
    await award(ctx, tx, { ...base, receiver: giver, giver: null, reason: 'accepting', points: points.accepting, sourceKey: `accepting:${conversationId}` });
  });

  jobs.on('article.published', CREDIT_LISTENERS.published, async (event, tx) => {
    if (!enabled(event.communityId)) return;
    const thread = await threadOf(config, event.conversationId, tx);
    for (const account of answerers(event.contributors)) {
      await award(ctx, tx, {
        communityId: event.communityId, receiver: await thread.party(account), giver: null, reason: 'article.published',
        points: ctx.settings(event.communityId).points.articlePublished, sourceKey: `article:${event.articleId}:${accountKey(account)}`, articleId: event.articleId,
        ...(event.conversationId === null ? {} : { conversationId: event.conversationId }),
      });
    }
  });

  // The asker who accepted the suggestion gives it: caps and self-credit apply to them.
  jobs.on('suggestion.accepted', CREDIT_LISTENERS.suggestion, async (event, tx) => {
    if (!enabled(event.communityId)) return;
    const thread = await threadOf(config, event.conversationId, tx);
    const accepter = personActor(event.acceptedBy);
    const giver = accepter === null ? null : await thread.party(accepter, accepter.displayName);
    for (const account of answerers(event.contributors)) {
      await award(ctx, tx, {
        communityId: event.communityId, receiver: await thread.party(account), giver, reason: 'suggestion.accepted',
        points: ctx.settings(event.communityId).points.suggestionAccepted, sourceKey: `suggestion:${event.conversationId}:${event.articleId}:${accountKey(account)}`,
        articleId: event.articleId, conversationId: event.conversationId,
      });
    }
  });

  jobs.on('gratitude.expressed', CREDIT_LISTENERS.gratitude, async (event, tx) => {
    const { communityId, conversationId, giver: giverAccount } = event;
    if (!enabled(communityId)) return;
    const { points, rules } = ctx.settings(communityId);
    const thread = await threadOf(config, conversationId, tx);
    const inferred = event.to.length > 0 ? event.to : [inferThanked(thread.messages, event.messageId, giverAccount)].filter((a): a is AccountRef => a !== null);
    if (inferred.length === 0) {
      ctx.logger.info('credit refused', { communityId, rule: 'no-receiver', credit: 'thanks' });
      return;
    }
    const giver = await thread.party(giverAccount);
    const at = new Date(event.at);
    for (const account of new Map(inferred.map((a) => [accountKey(a), a])).values()) {
      if (accountKey(account) === accountKey(giverAccount)) continue;
      const receiver = await thread.party(account);
      if (!receiver.isBot && !giver.isBot && !bothRecent(thread.messages, giverAccount, account, at, rules.thanksRecentMs)) {
        ctx.logger.info('credit refused', { communityId, rule: 'not-recent', credit: 'thanks' });
        continue;
      }
      await award(ctx, tx, {
        communityId, conversationId, receiver, giver, reason: 'thanks', points: points.thanks, messageId: event.messageId, ring: true,
        sourceKey: `thanks:${event.via}:${event.messageId}:${accountKey(giverAccount)}:${accountKey(account)}`,
      });
    }
  });

  // Deleting what earned a credit takes it back: a reversal is appended, nothing is edited.
  jobs.on('message.deleted', CREDIT_LISTENERS.deleted, async (event, tx) => {
    for (const entry of await ctx.ledger.byMessage(tx, event.messageId)) await ctx.ledger.reverse(tx, entry, 'source deleted', ctx.clock());
  });
}
