import { describe, expect, it } from 'vitest';
import { commandTextOf, typedCommandRequest } from '../../../bots/teams/command-message.ts';
import type { CommandActivity } from '../../../bots/teams/command-replies.ts';
import { createCommandRegistry } from '../../../core/commands/index.ts';

const registry = createCommandRegistry();
const BOT = { id: '28:bot', name: 'Heimo' };
const botMention = { type: 'mention', text: '<at>Heimo</at>', mentioned: BOT };
const channel = (text: string, entities: CommandActivity['entities'] = [botMention], conversationId = '19:c@thread.tacv2;messageid=100'): CommandActivity => ({
  type: 'message',
  id: '200',
  text,
  recipient: BOT,
  from: { id: '29:erin', aadObjectId: 'aad-erin', name: 'Erin' },
  conversation: { id: conversationId, conversationType: 'channel' },
  entities,
});

describe('Teams typed commands', () => {
  it('should read the command after a leading @Heimo when its first word names a command', () => {
    expect(commandTextOf(channel('<at>Heimo</at> Resolve'), registry)).toBe('Resolve');
    expect(commandTextOf(channel('<at>Heimo</at>&nbsp;close duplicate &amp; stale'), registry)).toBe('close duplicate & stale');
  });

  it('should leave a reply to relay when Heimo is mentioned later, not at all, or before no command', () => {
    expect(commandTextOf(channel('please <at>Heimo</at> resolve'), registry)).toBeUndefined();
    expect(commandTextOf(channel('resolve', []), registry)).toBeUndefined();
    expect(commandTextOf(channel('<at>Heimo</at> try clearing the cache'), registry)).toBeUndefined();
    expect(commandTextOf(channel(`<at>Heimo</at> close ${'x'.repeat(3_000)}`), registry)).toBeUndefined();
  });

  it('should not take another person\'s mention first as a mention of Heimo', () => {
    const sam = { type: 'mention', text: '<at>Sam</at>', mentioned: { id: '29:sam', name: 'Sam' } };
    expect(commandTextOf(channel('<at>Sam</at> resolve', [sam]), registry)).toBeUndefined();
    expect(commandTextOf(channel('<at>Heimo</at> assign <at>Sam</at>', [botMention, sam]), registry)).toBe('assign 29:sam');
  });

  it('should take every message as a command in the 1:1 chat with Heimo', () => {
    const personal: CommandActivity = { ...channel('queue billing', []), conversation: { id: 'a:1x', conversationType: 'personal' } };
    expect(commandTextOf(personal, registry)).toBe('queue billing');
  });

  it('should key the question by the chain root, and name none for a new top-level post', () => {
    expect(typedCommandRequest(channel('x'), 'claim', registry).question).toEqual({ platform: 'teams', channelId: '19:c@thread.tacv2', threadId: '100' });
    expect(typedCommandRequest(channel('x', [], '19:c@thread.tacv2;messageid=200'), 'queue', registry)).not.toHaveProperty('question');
    expect(typedCommandRequest(channel('x'), 'queue', registry)).toMatchObject({ channelId: '19:c@thread.tacv2', actor: { userId: 'aad-erin' } });
  });
});
