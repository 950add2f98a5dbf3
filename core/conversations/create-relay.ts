import type {
  InboundEvent,
  InboundHandler,
  IngestOutcome,
  MessageDeletedEvent,
  MessageEditedEvent,
  MessagePostedEvent,
  QuestionAskedEvent,
  ReactionChangedEvent,
  ReactionsClearedEvent,
} from '../domain/events.ts';
import { findRoute, isInternalNote, type NetworkConfig } from '../domain/network.ts';
import { canBotReact, isEmployeePlatform, type Author, type Platform } from '../domain/types.ts';
import { type Metrics, NOOP_METRICS } from '../metrics/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { AccountInput, LinkRecord } from '../domain/records.ts';
import type { ConversationState, NewMessageInput, ReactedMessage, RelayStore } from './port.ts';
import type { Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';
import type { DeliveryStream, OutboxDraft } from '../domain/outbox.ts';
import { createBoundedCache } from '../bounded-cache.ts';
import { lateWrittenAt } from '../backfill/index.ts';
import { HeimoError } from '../errors.ts';
import { cleanStrings, hasVisibleContent } from '../format/index.ts';
import { createKeyedSerializer } from './serialize-by-key.ts';
import { routeQuestion } from '../routing/index.ts';
import type { QuestionFlow } from './question-flow.ts';
import { messageThanks, reactionThanks } from './relay-gratitude.ts';
import { alongside, staffSighting } from './relay-staff.ts';
import { appendWithLifecycle, movesQuestion, type ReplyOutcome, type Thanked } from './lifecycle-reply.ts';

/** What the relay needs: the network, its store, and a way to wake the delivery worker. */
export interface RelayConfig {
  /** The network file, or a getter of the one currently applied (it can be reloaded while running). */
  network: NetworkConfig | (() => NetworkConfig);
  store: RelayStore;
  /** Called after a commit with the streams that got new deliveries. */
  schedule: (streams: DeliveryStream[]) => Promise<void>;
  logger: Logger;
  /** Counts relayed messages (default: nowhere). */
  metrics?: Metrics;
  /** Threads whose conversation and status are kept in memory (default 10,000). */
  threadCacheSize?: number;
  /** How late a message read after downtime must be before its copy says when it was written (default 1 min). */
  lateAfterMs?: number;
  /**
   * Routing's record, the community window and the lifecycle (the app wires them on the job
   * system). Without it every question opens at once and replies set the status as they always did.
   */
  questions?: QuestionFlow;
}

const ECHO: IngestOutcome = { status: 'echo', reason: 'Heimo posted this message' };

// Each stale append means another process changed the thread's status in between: with several
// processes storing replies to one busy thread that can happen more than once in a row. Failing the
// event made Slack give up on it after its retries; the append is tried again, a little later each
// time (with jitter, so racing processes fall out of step), a bounded number of times.
const APPEND_ROUNDS = 8;
const staleBackoff = (round: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * round));

// A reaction's message, which side Heimo's mirrored reaction goes on, and on which platform (`mirrored`: false when no bot can react there).
type Mirror = { reacted: ReactedMessage; onto: 'source' | 'copy'; target: Platform; mirrored: boolean };

/** Creates the core's inbound handler: every bot event becomes stored messages plus outbox deliveries. */
export function createRelay(config: RelayConfig): { ingest: InboundHandler } {
  const { store, logger } = config;
  const network = (): NetworkConfig => (typeof config.network === 'function' ? config.network() : config.network);
  const metrics = config.metrics ?? NOOP_METRICS;

  const account = (platform: Platform, author: Author): AccountInput => ({
    platform,
    externalId: author.platformUserId,
    displayName: author.displayName,
    ...(author.avatarUrl === undefined ? {} : { avatarUrl: author.avatarUrl }),
    isBot: author.isBot,
  });

  const late = (writtenAt: string | undefined): { writtenAt?: Date } => {
    const at = lateWrittenAt(writtenAt, new Date(), config.lateAfterMs);
    return at === undefined ? {} : { writtenAt: at };
  };

  const kick = async (conversationId: string, drafts: OutboxDraft[]): Promise<void> => {
    const platforms = [...new Set(drafts.map((draft) => draft.platform))];
    // The deliveries are committed: a failed wake-up is recovered by the sweeper, so only log it.
    await config.schedule(platforms.map((platform) => ({ conversationId, platform }))).catch((error: unknown) => {
      logger.warn('could not schedule delivery; the sweeper will pick it up', { conversationId, error });
    });
  };

  const askQuestion = async (event: QuestionAskedEvent): Promise<IngestOutcome> => {
    const route = findRoute(network(), event.channelId);
    if (!route) return { status: 'unrouted', reason: `channel ${event.channelId} is not in the network file` };
    const { community } = route;
    const decision = routeQuestion(community, { channelId: event.channelId, tags: event.tags ?? [], title: event.title, text: event.text, authorRoleIds: event.authorRoleIds ?? [] });
    const { destination } = decision;
    const flow = config.questions;
    // Without the job system nothing would ever end a window: the question opens at once.
    const windowed = flow !== undefined && decision.communityWindowMs > 0;
    const threadId = event.threadId ?? event.messageId;
    // Before the transaction: what it finds (suggested articles) is written with the question.
    const extra = flow === undefined ? null : await flow.prepare({ communityId: community.id, title: event.title, text: event.text });
    const staff = staffSighting(flow, community, { ...event, platform: 'discord' });
    const drafts: OutboxDraft[] = [];
    const result = await store.openConversation({
      communityId: community.id,
      title: event.title,
      destination,
      status: windowed ? 'new' : 'open',
      message: {
        platform: 'discord',
        channelId: event.threadId ?? event.channelId,
        externalId: event.messageId,
        author: account('discord', event.author),
        text: event.text,
        internal: false,
        ...late(event.writtenAt),
      },
      // A Discord thread started from a message takes the message's id, so the link is known now.
      links: [{ platform: 'discord', side: 'customer', channelId: threadId, threadId, cardMessageId: null, url: event.url }],
      deliveries: () => {
        if (event.threadId === null) {
          drafts.push({ platform: 'discord', kind: 'thread.open', payload: { channelId: event.channelId, messageId: event.messageId, title: event.title } });
        }
        // Inside the window only the community sees it (its ambassadors pinged); the window's end posts the card.
        if (!windowed) drafts.push({ platform: destination.platform, kind: 'card.post', payload: {} });
        else if (decision.pingRoleId !== undefined) drafts.push({ platform: 'discord', kind: 'prompt.post', payload: { prompt: 'window', roleId: decision.pingRoleId } });
        return drafts;
      },
    }, flow && {
      transaction: flow.transaction,
      after: async (tx, ids) => {
        await flow.opened(tx, { conversationId: ids.conversationId, communityId: community.id, decision, extra });
        await staff?.(tx, ids.messageId);
      },
    });
    if (!result) return { status: 'duplicate', reason: `message ${event.messageId} was already stored` };
    await kick(result.conversationId, drafts);
    if (!windowed) metrics.relayed('to_employees', destination.platform);
    return { status: 'accepted', conversationId: result.conversationId, messageId: result.messageId };
  };

  // A thread's conversation and destination never change, and its status changes through this
  // relay (events of one thread are serialised below). So the context is read once per thread and
  // then checked inside the append itself, which refuses a stale status (another process moved it).
  const contexts = createBoundedCache<string, { link: LinkRecord; state: ConversationState }>(config.threadCacheSize ?? 10_000);

  const threadOf = async (key: string, event: MessagePostedEvent): Promise<IngestOutcome | { link: LinkRecord; state: ConversationState }> => {
    const cached = contexts.get(key);
    if (cached) return cached;
    const { isCopy, link, state } = await store.threadContext({ platform: event.platform, channelId: event.channelId, threadId: event.threadId, externalId: event.messageId });
    if (isCopy) return ECHO;
    if (!link || !state) return { status: 'unlinked', reason: `thread ${event.threadId} belongs to no conversation` };
    const context = { link, state };
    contexts.set(key, context);
    return context;
  };

  // A reply stored in one statement. Without the lifecycle (`decides`), employees answering moves
  // the card to "answered" and a customer follow-up reopens it, as the relay always did.
  // A thanks or a staff role seen (`thanked`) commits with its message, in a flow transaction; any other reply stays one statement.
  const appendPlain = async (context: { link: LinkRecord; state: ConversationState }, message: NewMessageInput, employee: boolean, internal: boolean, decides: boolean, thanked?: Thanked): Promise<ReplyOutcome> => {
    const { link, state } = context;
    const status = !decides || internal || state.status === 'resolved' ? undefined : employee ? 'answered' : 'open';
    const changed = status !== undefined && status !== state.status;
    const drafts: OutboxDraft[] = [];
    const result = await store.appendMessage({
      conversationId: link.conversationId,
      expectedStatus: state.status,
      message,
      ...(changed ? { status } : {}),
      deliveries: (messageId) => {
        if (!internal) drafts.push({ platform: employee ? 'discord' : state.employeePlatform, kind: 'message.post', payload: { messageId } });
        if (changed) drafts.push({ platform: state.employeePlatform, kind: 'card.update', payload: {} });
        return drafts;
      },
    }, thanked && config.questions && { transaction: config.questions.transaction, after: thanked });
    return { result, status: changed ? status : state.status, drafts };
  };

  const postMessage = async (key: string, event: MessagePostedEvent): Promise<IngestOutcome> => {
    // Whitespace or invisible characters alone would arrive as an empty-looking post.
    if (!hasVisibleContent(event.text) && (event.attachments ?? []).length === 0) return { status: 'unchanged', reason: 'no visible content' };
    const employee = isEmployeePlatform(event.platform);
    const internal = employee && isInternalNote(event.text, network().internalMarkers);
    // The first round reads the cache, the second the database at once; later ones back off first.
    for (let round = 0; round < APPEND_ROUNDS; round += 1) {
      if (round > 1) await staleBackoff(round);
      const context = await threadOf(key, event);
      if ('status' in context) return context;
      const { link, state } = context;
      const { status: current, employeePlatform } = state;
      const flow = config.questions;
      const message = messageInput(event, internal);
      const actor: Actor = { kind: 'person', platform: event.platform, userId: event.author.platformUserId, displayName: event.author.displayName };
      // A thanks and a staff role seen on the author commit with the message; without either it stays one statement.
      const staff = staffSighting(flow, network().communities.find((community) => community.id === state.communityId), event);
      const thanked = alongside(messageThanks(flow, event, link.conversationId, internal), staff);
      const { result, status, drafts } = flow !== undefined && movesQuestion(current, employee, internal)
        ? await appendWithLifecycle(store, flow, { context, message, employee, internal, actor, ...(thanked === undefined ? {} : { thanked }) })
        : await appendPlain(context, message, employee, internal, flow === undefined, thanked);
      switch (result.status) {
        case 'stale':
          contexts.delete(key);
          continue;
        case 'echo':
          return ECHO;
        case 'duplicate':
          return { status: 'duplicate', reason: `message ${event.messageId} was already stored` };
        case 'stored':
          if (status !== current) contexts.set(key, { link, state: { ...state, status } });
          await kick(link.conversationId, drafts);
          if (!internal) metrics.relayed(employee ? 'to_customers' : 'to_employees', employeePlatform);
          return { status: 'accepted', conversationId: link.conversationId, messageId: result.messageId, internal };
      }
    }
    throw new HeimoError('CONFLICT', `conversation of thread ${event.threadId} kept changing status while a message was stored`, {
      context: { platform: event.platform, channelId: event.channelId, messageId: event.messageId },
    });
  };

  const messageInput = (event: MessagePostedEvent, internal: boolean): NewMessageInput => ({
    platform: event.platform,
    channelId: event.channelId,
    externalId: event.messageId,
    author: account(event.platform, event.author),
    text: event.text,
    internal,
    ...(event.attachments === undefined ? {} : { attachments: event.attachments }),
    ...late(event.writtenAt),
  });

  const changeMessage = async (event: MessageEditedEvent | MessageDeletedEvent): Promise<IngestOutcome> => {
    const message = await store.findMessage(event.platform, event.channelId, event.messageId);
    if (!message) return { status: 'unlinked', reason: `message ${event.messageId} is not one Heimo relays` };
    if (message.deleted) return { status: 'unchanged', reason: 'message already deleted' };
    if (event.type === 'message.edited' && event.text === message.text) return { status: 'unchanged', reason: 'same text' };
    // The question itself lives in the employee card, not in a relayed copy: edit the card instead.
    const kind = message.isQuestion ? 'card.update' : event.type === 'message.edited' ? 'message.edit' : 'message.delete';
    const { employeePlatform } = await store.conversationState(message.conversationId);
    const target = isEmployeePlatform(message.platform) ? 'discord' : employeePlatform;
    const payload: Record<string, string> = message.isQuestion ? {} : { messageId: message.id };
    const drafts: OutboxDraft[] = message.internal ? [] : [{ platform: target, kind, payload }];
    const flow = config.questions;
    // A delete's `message.deleted` (an article built from the message drops it) commits with the delete.
    const scope = event.type === 'message.deleted' && flow !== undefined
      ? { transaction: flow.transaction, after: (tx: Tx) => flow.deleted(tx, { conversationId: message.conversationId, messageId: message.id, platform: message.platform }) }
      : undefined;
    await store.changeMessage(message.id, event.type === 'message.edited' ? { text: event.text } : { deleted: true }, drafts, scope);
    await kick(message.conversationId, drafts);
    return { status: 'accepted', conversationId: message.conversationId, messageId: message.id };
  };

  // Where a reaction on this message is mirrored: a reaction on the message as written goes onto
  // its copy (or card) on the other side, and one on a copy goes back onto the message as written.
  const mirrorOf = async (event: ReactionChangedEvent | ReactionsClearedEvent): Promise<IngestOutcome | Mirror> => {
    const reacted = await store.reactedMessage({ platform: event.platform, channelId: event.channelId, externalId: event.messageId });
    if (!reacted) return { status: 'unlinked', reason: `message ${event.messageId} is not one Heimo relays` };
    if (reacted.internal) return { status: 'unrouted', reason: 'internal notes stay internal, their reactions too' };
    if (reacted.deleted) return { status: 'unchanged', reason: 'message deleted' };
    const onto = reacted.on === 'copy' ? 'source' : 'copy';
    const target = onto === 'source' ? reacted.sourcePlatform : isEmployeePlatform(reacted.sourcePlatform) ? 'discord' : reacted.employeePlatform;
    return { reacted, onto, target, mirrored: canBotReact(target) };
  };
  const unmirrored = (target: Platform): IngestOutcome => ({ status: 'unrouted', reason: `${target} lets no bot react` });

  const react = async (event: ReactionChangedEvent): Promise<IngestOutcome> => {
    const mirror = await mirrorOf(event);
    if ('status' in mirror) return mirror;
    const { reacted, onto, target } = mirror;
    const added = event.type === 'reaction.added';
    const { conversationId, messageId } = reacted;
    // A thank-you is recorded (and thanks) even where no bot can mirror it (a Discord 🙏 on a Teams answer).
    const thanks = reactionThanks(config.questions, event, reacted);
    if (!mirror.mirrored && thanks === undefined) return unmirrored(target);
    const draft: OutboxDraft | null = mirror.mirrored ? { platform: target, kind: added ? 'reaction.add' : 'reaction.remove', payload: { messageId, emoji: event.emoji, onto } } : null;
    const result = await store.recordReaction({ conversationId, messageId, platform: event.platform, userId: event.userId, emoji: event.emoji, added }, draft, thanks);
    if (result === 'duplicate') return { status: 'duplicate', reason: `reaction ${event.emoji} by ${event.userId} was already ${added ? 'recorded' : 'taken back'}` };
    if (result === 'mirrored' && draft !== null) await kick(conversationId, [draft]);
    return { status: 'accepted', conversationId, messageId };
  };

  const clearReactions = async (event: ReactionsClearedEvent): Promise<IngestOutcome> => {
    const mirror = await mirrorOf(event);
    if ('status' in mirror) return mirror;
    const { reacted, onto, target } = mirror;
    if (!mirror.mirrored) return unmirrored(target);
    const { conversationId, messageId } = reacted;
    const scope = { conversationId, messageId, platform: event.platform, ...(event.emoji === undefined ? {} : { emoji: event.emoji }) };
    const cleared = await store.clearReactions(scope, { platform: target, onto });
    if (cleared.length === 0) return { status: 'unchanged', reason: 'no reactions to clear' };
    await kick(conversationId, [{ platform: target, kind: 'reaction.remove', payload: {} }]);
    return { status: 'accepted', conversationId, messageId };
  };

  // One thread's events are handled in arrival order: posts are stored (and so delivered) in that
  // order, and an edit, delete or reaction waits for the post before it. Events that do not say
  // their thread are ordered per message.
  const threads = createKeyedSerializer();
  const keyOf = (event: Exclude<InboundEvent, QuestionAskedEvent>): string =>
    event.threadId === undefined ? `${event.platform}:${event.channelId}:message:${event.messageId}` : `${event.platform}:${event.channelId}:${event.threadId}`;

  return {
    ingest: async (raw: InboundEvent): Promise<IngestOutcome> => {
      // Every ingress passes here: NUL and lone surrogates never reach PostgreSQL (it refuses NUL).
      const event = cleanStrings(raw);
      switch (event.type) {
        case 'question.asked':
          return askQuestion(event);
        case 'message.posted': {
          const key = keyOf(event);
          return threads.run(key, () => postMessage(key, event));
        }
        case 'message.edited':
        case 'message.deleted':
          return threads.run(keyOf(event), () => changeMessage(event));
        case 'reaction.added':
        case 'reaction.removed':
          return threads.run(keyOf(event), () => react(event));
        case 'reactions.cleared':
          return threads.run(keyOf(event), () => clearReactions(event));
      }
    },
  };
}
