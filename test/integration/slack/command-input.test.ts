import { describe, expect, it } from 'vitest';
import { commandOfId, plainCommandText, readButton, readShortcut, shortcutCallbackId } from '../../../bots/slack/command-input.ts';
import { buttonValue, commandActionId } from '../../../bots/slack/render.ts';
import { COMMANDS } from '../../../core/commands/index.ts';

describe('slack command input', () => {
  it('should turn escaped mentions, channels, groups and links into plain ids and links when Slack escaped them', () => {
    const text = 'assign <@U0BOB|bob> <#C0CARDS|cards> <!subteam^S0MODS|@mods> <https://x.example/q?a=1&amp;b=2|the card> &lt;3';

    expect(plainCommandText(text)).toBe('assign U0BOB C0CARDS S0MODS https://x.example/q?a=1&b=2 <3');
  });

  it('should map shortcut callback ids and button action ids back to commands when they name one', () => {
    expect(shortcutCallbackId('mark-solution')).toBe('heimo_mark_solution');
    expect(commandOfId('heimo_mark_solution', COMMANDS)).toBe('mark-solution');
    expect(commandOfId('heimo_claim', COMMANDS)).toBe('claim');
    expect(commandOfId('heimo_open_discord', COMMANDS)).toBeUndefined();
    expect(commandOfId('other_claim', COMMANDS)).toBeUndefined();
  });

  it('should place a button by its card and fall back to the thread when the button carries no conversation', () => {
    const body = { user: { id: 'U1' }, container: { message_ts: '10.1', channel_id: 'C1' }, actions: [{ action_id: 'heimo_claim', value: '' }] };

    expect(readButton(body)).toEqual({ userId: 'U1', actionId: 'heimo_claim', channelId: 'C1', cardTs: '10.1', question: { platform: 'slack', channelId: 'C1', threadId: '10.1' }, args: {} });
    expect(readButton({ ...body, actions: [] })).toBeUndefined();
  });

  it("should hand a button's arguments on, and its conversation when it has one, when the button carries JSON", () => {
    const body = (value: string) => ({ user: { id: 'U1' }, container: { message_ts: '10.1', channel_id: 'C-review' }, actions: [{ action_id: 'heimo_kb.publish', value }] });
    const review = readButton(body(buttonValue(undefined, { article: 'a-1' })));
    const onQuestion = readButton(body(buttonValue('c-1', { article: 'a-1' })));

    expect(review).toEqual({ userId: 'U1', actionId: 'heimo_kb.publish', channelId: 'C-review', cardTs: '10.1', args: { article: 'a-1' } });
    expect(onQuestion).toMatchObject({ question: { conversationId: 'c-1' }, args: { article: 'a-1' } });
    expect(readButton(body(buttonValue('c-1', undefined)))).toMatchObject({ question: { conversationId: 'c-1' }, args: {} });
    expect(readButton(body('{"a": 3}'))).toBeUndefined();
    expect(readButton(body('{not json'))).toBeUndefined();
  });

  it('should map a command of several words and a numbered button back to the command when the action id joins them', () => {
    expect(commandActionId('kb publish')).toBe('heimo_kb.publish');
    expect(commandOfId(commandActionId('kb publish'), COMMANDS)).toBe('kb publish');
    expect(commandOfId(commandActionId('claim', 2), COMMANDS)).toBe('claim');
  });

  it("should take the card's thread from a reply and the card itself from the root when a shortcut names a message", () => {
    const reply = readShortcut({ callback_id: 'heimo_claim', user: { id: 'U1' }, channel: { id: 'C1' }, message: { ts: '11.2', thread_ts: '10.1', user: 'U2' } });
    const root = readShortcut({ callback_id: 'heimo_claim', user: { id: 'U1' }, channel: { id: 'C1' }, message: { ts: '10.1' } });

    expect(reply).toMatchObject({ threadTs: '10.1', target: { platform: 'slack', channelId: 'C1', messageId: '11.2', authorId: 'U2' } });
    expect(root?.question).toEqual({ platform: 'slack', channelId: 'C1', threadId: '10.1' });
    expect(root?.target).toEqual({ platform: 'slack', channelId: 'C1', messageId: '10.1' });
    expect(readShortcut({ callback_id: 'heimo_claim', user: { id: 'U1' } })).toBeUndefined();
  });
});
