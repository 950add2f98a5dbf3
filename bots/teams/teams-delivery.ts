import type { Activity } from 'botbuilder';
import { type CardRef, type EmployeeDelivery, HeimoError, PlatformRejectedError, type ThreadRef } from '../../core/index.ts';
import { conversationCard } from './adaptive-card.ts';
import type { CardStates } from './card-state.ts';
import { channelPostParameters, type ConnectorRunner, type ConnectorTarget } from './connector-runner.ts';
import type { ConversationReferences } from './conversation-references.ts';
import { createIdempotencyMemo } from './idempotency-memo.ts';
import { messageParts } from './message-parts.ts';
import { isGone } from './teams-errors.ts';
import { createTeamsNotices } from './teams-notices.ts';
import { createTeamsMembers } from './teams-members.ts';
import { replyChainId, splitConversationId } from './translate-activity.ts';
import { reviewCard } from './review-card.ts';

/** What the Teams delivery needs from the bot. */
export interface TeamsDeliveryConfig {
  run: ConnectorRunner;
  appId: string;
  /** The bot's tenant; a team heard from earlier may name its own. */
  tenantId?: string;
  /** TEAMS_SERVICE_URL (or the public cloud's): enough to post into a team nobody has heard from yet. */
  defaultServiceUrl?: string;
  references: ConversationReferences;
  /** Where rendered cards are remembered, for the card's refresh. */
  cards?: CardStates;
}

// The connector's typings want every Activity field; Teams needs only what a post sets.
const activity = (fields: Partial<Activity>): Activity => fields as Activity;

/** Creates the EmployeeDelivery that posts cards and thread replies proactively through the connector. */
export function createTeamsDelivery(config: TeamsDeliveryConfig): EmployeeDelivery {
  const memo = createIdempotencyMemo();
  const { run } = config;

  const target = (channelId: string, conversationId: string, teamId?: string): ConnectorTarget => {
    const known = config.references.lookup(channelId, teamId);
    const tenantId = known?.tenantId ?? config.tenantId;
    const serviceUrl = known?.serviceUrl ?? config.defaultServiceUrl;
    // Retried like an outage: the team's first activity (the app installed, a message) teaches its connector.
    if (serviceUrl === undefined) {
      throw new HeimoError('NOT_CONNECTED', `teams: no connector known yet for channel ${channelId}: Heimo learns it from the team's first activity (install the app in the team), or set TEAMS_SERVICE_URL`, {
        context: { channelId, teamId: teamId ?? null },
      });
    }
    return { serviceUrl, conversationId, ...(tenantId ? { tenantId } : {}) };
  };
  const directTarget = (): ConnectorTarget => {
    const known = config.references.latest();
    const serviceUrl = known?.serviceUrl ?? config.defaultServiceUrl;
    const tenantId = known?.tenantId ?? config.tenantId;
    if (serviceUrl === undefined) throw new HeimoError('NOT_CONNECTED', 'teams: no connector known yet for a direct message: install the app in a team, or set TEAMS_SERVICE_URL');
    return { serviceUrl, conversationId: '', ...(tenantId ? { tenantId } : {}) };
  };
  const render = (view: Parameters<typeof conversationCard>[0]) => {
    config.cards?.rendered(view);
    return conversationCard(view, { refreshUserIds: config.cards?.viewers(view.conversationId) ?? [] });
  };
  // The key rides along in channelData so a duplicate can be recognised later; Teams cannot check it.
  const stamp = (idempotencyKey: string, part?: number) => ({ heimo: { idempotencyKey, ...(part === undefined ? {} : { part }) } });

  const sendPart = async (thread: ThreadRef, html: string, idempotencyKey: string, part: number): Promise<string> => {
    const chain = replyChainId(thread.channelId, thread.threadId);
    const sent = await run(target(thread.channelId, chain), 'sendToConversation', (connector) =>
      connector.conversations.sendToConversation(chain, activity({ type: 'message', textFormat: 'xml', text: html, channelData: stamp(idempotencyKey, part) })),
    );
    if (!sent.id) throw new HeimoError('PLATFORM_UNAVAILABLE', 'teams sendToConversation returned no activity id', { context: { method: 'sendToConversation' } });
    return sent.id;
  };
  const updatePart = async (thread: ThreadRef, id: string, fields: Partial<Activity>, teamId?: string): Promise<void> => {
    const chain = replyChainId(thread.channelId, thread.threadId);
    await run(target(thread.channelId, chain, teamId), 'updateActivity', (connector) =>
      connector.conversations.updateActivity(chain, id, activity({ type: 'message', id, ...fields })),
    );
  };
  const deleteParts = async (thread: ThreadRef, ids: string[]): Promise<void> => {
    const chain = replyChainId(thread.channelId, thread.threadId);
    for (const id of ids) {
      try {
        await run(target(thread.channelId, chain), 'deleteActivity', (connector) => connector.conversations.deleteActivity(chain, id));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    }
  };

  return {
    platform: 'teams',
    // Teams files are not carried over yet: the core names them in the text instead.
    maxFileBytes: 0,
    maxMessageFileBytes: 0,
    fetchFile: async () => {
      throw new PlatformRejectedError('teams', 'Heimo does not fetch Teams files yet');
    },

    postCard: async (destination, view) => {
      const key = `card:${view.idempotencyKey}`;
      const done = memo.get<CardRef>(key);
      if (done) return done;
      const where = target(destination.channelId, destination.channelId, destination.teamId);
      // A new conversation in a channel is a new reply chain whose root is the card.
      const created = await run(where, 'createConversation', (connector) =>
        connector.conversations.createConversation(
          channelPostParameters(config.appId, where, destination.channelId, { type: 'message', attachments: [render(view)], channelData: stamp(view.idempotencyKey) }),
        ),
      );
      const rootId = splitConversationId(created.id ?? '').threadId ?? created.activityId;
      if (!rootId) throw new HeimoError('PLATFORM_UNAVAILABLE', 'teams createConversation returned no root message id', { context: { method: 'createConversation' } });
      const ref: CardRef = { channelId: destination.channelId, threadId: rootId, cardMessageId: rootId };
      memo.set(key, ref);
      return ref;
    },

    updateCard: async (destination, card, view) => {
      await updatePart(card, card.cardMessageId, { attachments: [render(view)], channelData: stamp(view.idempotencyKey) }, destination.teamId);
    },

    postReviewCard: async (destination, view) => {
      const key = `review:${view.idempotencyKey}`;
      const done = memo.get<string>(key);
      if (done) return done;
      const where = target(destination.channelId, destination.channelId, destination.teamId);
      const created = await run(where, 'createConversation', (connector) =>
        connector.conversations.createConversation(
          channelPostParameters(config.appId, where, destination.channelId, { type: 'message', attachments: [reviewCard(view)], channelData: stamp(view.idempotencyKey) }),
        ),
      );
      const rootId = splitConversationId(created.id ?? '').threadId ?? created.activityId;
      if (!rootId) throw new HeimoError('PLATFORM_UNAVAILABLE', 'teams createConversation returned no root message id', { context: { method: 'createConversation' } });
      memo.set(key, rootId);
      return rootId;
    },

    updateReviewCard: async (destination, messageId, view) => {
      const card = { channelId: destination.channelId, threadId: messageId };
      await updatePart(card, messageId, { attachments: [reviewCard(view)], channelData: stamp(view.idempotencyKey) }, destination.teamId);
    },

    postMessage: async (thread, message) => {
      const parts = messageParts(message);
      const key = `post:${message.idempotencyKey}`;
      // Parts already sent by an earlier attempt of the same delivery are not sent again.
      const sent = [...(memo.get<string[]>(key) ?? [])];
      for (let index = sent.length; index < parts.length; index += 1) {
        sent.push(await sendPart(thread, parts[index] ?? '', message.idempotencyKey, index));
        memo.set(key, [...sent]);
      }
      return sent.slice(0, parts.length);
    },

    editMessage: async (thread, partIds, message) => {
      const parts = messageParts(message);
      const key = `edit:${message.idempotencyKey}`;
      const appended = [...(memo.get<string[]>(key) ?? [])];
      const ids: string[] = [];
      for (const [index, html] of parts.entries()) {
        const existing = partIds[index];
        if (existing !== undefined) {
          await updatePart(thread, existing, { textFormat: 'xml', text: html, channelData: stamp(message.idempotencyKey, index) });
          ids.push(existing);
          continue;
        }
        const extra = index - partIds.length;
        if (appended[extra] === undefined) {
          appended[extra] = await sendPart(thread, html, message.idempotencyKey, index);
          memo.set(key, [...appended]);
        }
        ids.push(appended[extra] ?? '');
      }
      await deleteParts(thread, partIds.slice(parts.length));
      return ids;
    },

    deleteMessage: async (thread, partIds) => {
      await deleteParts(thread, partIds);
    },

    // Bot Framework has no call for a bot to react, and the core checks canBotReact('teams') first:
    // reaching this is a core bug, so refuse for good rather than let the outbox retry forever.
    ...createTeamsNotices({ run, appId: config.appId, memo, target, directTarget }),
    // Identity joins employees' accounts by e-mail (issue 11).
    ...createTeamsMembers({ run, appId: config.appId, directTarget }),

    react: async (reacted, emoji, added) => {
      throw new PlatformRejectedError('teams', 'Bot Framework gives bots no way to react to a message', {
        context: { method: 'react', channelId: reacted.channelId, messageId: reacted.messageId, emoji, added },
      });
    },
  };
}
