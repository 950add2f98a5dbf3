import { describe, expect, it } from 'vitest';
import { parseMessageEvent } from '../../../bots/slack/parse.ts';

const me = { botUserId: 'U0HEIMO', botId: 'B0HEIMO' };
const reply = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '2.000001', thread_ts: '1.000001' };

describe('parseMessageEvent', () => {
  it('should drop a post when it carries Heimo metadata even from another bot id', () => {
    const event = { ...reply, bot_id: 'B0OLDINSTALL', metadata: { event_type: 'heimo_relay', event_payload: { key: 'k', part: 0 } } };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'ignored', reason: 'own post (metadata)' });
  });

  it('should drop a post when it comes from the bot user', () => {
    expect(parseMessageEvent({ ...reply, user: 'U0HEIMO' }, me)).toEqual({ kind: 'ignored', reason: 'own post (bot user)' });
  });

  it('should relay a thread broadcast when a reply is also sent to the channel', () => {
    expect(parseMessageEvent({ ...reply, subtype: 'thread_broadcast' }, me)).toMatchObject({ kind: 'posted', threadId: '1.000001', messageId: '2.000001' });
  });

  it('should treat a message as top-level when thread_ts equals ts', () => {
    expect(parseMessageEvent({ ...reply, thread_ts: reply.ts }, me)).toEqual({ kind: 'ignored', reason: 'not in a thread' });
  });

  it('should ignore an edit when the edited message is Heimo\'s own', () => {
    const event = { type: 'message', subtype: 'message_changed', channel: 'C1', message: { ...reply, bot_id: 'B0HEIMO' } };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'ignored', reason: 'own post (bot_id)' });
  });

  it('should ignore an edit when the edited message is a top-level message', () => {
    const event = { type: 'message', subtype: 'message_changed', channel: 'C1', message: { ...reply, thread_ts: undefined } };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'ignored', reason: 'not in a thread' });
  });

  it('should carry the thread id when a reply in a thread is edited', () => {
    const event = { type: 'message', subtype: 'message_changed', channel: 'C1', message: { ...reply, text: 'fixed' } };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'edited', channelId: 'C1', threadId: '1.000001', messageId: '2.000001', text: 'fixed' });
  });

  it('should carry the thread id when a deleted reply comes with its previous message', () => {
    const event = { type: 'message', subtype: 'message_deleted', channel: 'C1', deleted_ts: '2.000001', previous_message: reply };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'deleted', channelId: 'C1', threadId: '1.000001', messageId: '2.000001' });
  });

  it('should still report a delete when Slack omits the previous message', () => {
    const event = { type: 'message', subtype: 'message_deleted', channel: 'C1', deleted_ts: '2.000001' };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'deleted', channelId: 'C1', messageId: '2.000001' });
  });

  it('should call a payload malformed when it is not an object or misses its fields', () => {
    expect(parseMessageEvent(null, me)).toMatchObject({ kind: 'malformed' });
    expect(parseMessageEvent('message', me)).toMatchObject({ kind: 'malformed' });
    expect(parseMessageEvent({ type: 'message', subtype: 'message_changed', channel: 'C1' }, me)).toMatchObject({ kind: 'malformed' });
    expect(parseMessageEvent({ type: 'message', subtype: 'message_deleted', channel: 'C1' }, me)).toMatchObject({ kind: 'malformed' });
    expect(parseMessageEvent({ ...reply, thread_ts: 5 }, me)).toEqual({ kind: 'malformed', reason: 'thread_ts is not a string' });
    expect(parseMessageEvent({ ...reply, text: ['x'] }, me)).toEqual({ kind: 'malformed', reason: 'text is not a string' });
  });
});
