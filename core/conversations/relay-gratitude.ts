import type { MessagePostedEvent, ReactionChangedEvent } from '../domain/events.ts';
import type { Tx } from '../jobs/index.ts';
import type { ReactionResult, WriteScope } from './port.ts';
import type { Thanked } from './lifecycle-reply.ts';
import type { QuestionFlow } from './question-flow.ts';

// Gratitude rides on the relay's writes: a thanks commits with its message or reaction, in a flow
// transaction, and is published once (a redelivery stores nothing, so publishes nothing). Anything
// that is no thanks gets no transaction: the common path stays one statement.

/**
 * A person's public thanks in a thread, as the append's `after` work: `gratitude.expressed` to whom
 * it mentions and the author of the message it replies to. Undefined when the message thanks nobody.
 */
export function messageThanks(flow: QuestionFlow | undefined, event: MessagePostedEvent, conversationId: string, internal: boolean): Thanked | undefined {
  if (flow === undefined || internal || event.author.isBot || !flow.isThanks(event.text)) return undefined;
  const { platform, channelId } = event;
  const giver = { platform, userId: event.author.platformUserId };
  const mentioned = (event.mentionedUserIds ?? []).map((userId) => ({ platform, userId }));
  const replyTo = event.replyToMessageId === undefined ? {} : { replyTo: { platform, channelId, externalId: event.replyToMessageId } };
  return (tx, messageId) => flow.thanked(tx, { conversationId, giver, via: 'message', messageId, mentioned, ...replyTo });
}

/** The scope a thank-you reaction is recorded in (it thanks the reacted message's author); undefined for any other reaction. */
export function reactionThanks(flow: QuestionFlow | undefined, event: ReactionChangedEvent, reacted: { conversationId: string; messageId: string }): WriteScope<ReactionResult> | undefined {
  if (flow === undefined || event.type !== 'reaction.added' || !flow.isThanksEmoji(event.emoji)) return undefined;
  const { conversationId, messageId } = reacted;
  const giver = { platform: event.platform, userId: event.userId };
  return { transaction: flow.transaction, after: (tx: Tx) => flow.thanked(tx, { conversationId, giver, via: 'reaction', messageId, mentioned: [], emoji: event.emoji }) };
}
