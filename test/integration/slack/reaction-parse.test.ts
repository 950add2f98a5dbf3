import { describe, expect, it } from 'vitest';
import { emojiFromReactionName, parseReactionEvent, reactionNameFromEmoji } from '../../../bots/slack/reactions.ts';

const me = { botUserId: 'U0HEIMO', botId: 'B0HEIMO' };
const added = { type: 'reaction_added', user: 'U1', reaction: 'tada', item: { type: 'message', channel: 'C1', ts: '2.000001' }, item_user: 'U2', event_ts: '3.000001' };

describe('parseReactionEvent', () => {
  it('should translate every field when a person reacts on a message', () => {
    expect(parseReactionEvent(added, me)).toEqual({
      kind: 'reaction',
      event: { type: 'reaction.added', platform: 'slack', channelId: 'C1', messageId: '2.000001', userId: 'U1', emoji: '🎉' },
    });
  });

  it('should report a removal when the event is reaction_removed', () => {
    expect(parseReactionEvent({ ...added, type: 'reaction_removed' }, me)).toMatchObject({ kind: 'reaction', event: { type: 'reaction.removed', emoji: '🎉' } });
  });

  it('should keep the skin tone when the name carries a ::skin-tone suffix', () => {
    expect(parseReactionEvent({ ...added, reaction: '+1::skin-tone-4' }, me)).toMatchObject({ kind: 'reaction', event: { emoji: '👍🏽' } });
  });

  it('should ignore a reaction when Heimo\'s own bot user made it', () => {
    expect(parseReactionEvent({ ...added, user: 'U0HEIMO' }, me)).toEqual({ kind: 'ignored', reason: 'own reaction' });
  });

  it('should ignore a reaction when it uses a custom workspace emoji', () => {
    expect(parseReactionEvent({ ...added, reaction: 'partyparrot' }, me)).toEqual({ kind: 'ignored', reason: 'custom emoji partyparrot' });
  });

  it('should ignore a reaction when it is on a file rather than a message', () => {
    expect(parseReactionEvent({ ...added, item: { type: 'file', file: 'F1' } }, me)).toEqual({ kind: 'ignored', reason: 'item type file' });
  });

  it('should call a payload malformed when it is not a reaction or misses its fields', () => {
    expect(parseReactionEvent(null, me)).toMatchObject({ kind: 'malformed' });
    expect(parseReactionEvent({ ...added, type: 'message' }, me)).toMatchObject({ kind: 'malformed' });
    expect(parseReactionEvent({ ...added, user: undefined }, me)).toEqual({ kind: 'malformed', reason: 'user is missing or not a string' });
    expect(parseReactionEvent({ ...added, reaction: 7 }, me)).toEqual({ kind: 'malformed', reason: 'reaction is missing or not a string' });
    expect(parseReactionEvent({ ...added, item: 'C1' }, me)).toEqual({ kind: 'malformed', reason: 'item is missing or not an object' });
    expect(parseReactionEvent({ ...added, item: { type: 'message', ts: '2.000001' } }, me)).toEqual({ kind: 'malformed', reason: 'item.channel is missing or not a string' });
    expect(parseReactionEvent({ ...added, item: { type: 'message', channel: 'C1', ts: 2 } }, me)).toEqual({ kind: 'malformed', reason: 'item.ts is missing or not a string' });
  });
});

describe('slack reaction names', () => {
  it('should map Unicode to the name Slack reacts with when the emoji is toned or plain', () => {
    expect(reactionNameFromEmoji('👍')).toBe('+1');
    expect(reactionNameFromEmoji('👍🏽')).toBe('+1::skin-tone-4');
    expect(reactionNameFromEmoji('❤')).toBe('heart');
  });

  it('should return undefined when Slack has no shortcode for the character', () => {
    expect(reactionNameFromEmoji('\u{E000}')).toBeUndefined();
    expect(emojiFromReactionName('partyparrot')).toBeUndefined();
  });

  it('should read back what it writes when a toned emoji makes the round trip', () => {
    expect(emojiFromReactionName(reactionNameFromEmoji('👋🏿') ?? '')).toBe('👋🏿');
  });
});
