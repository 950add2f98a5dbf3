import { describe, expect, it } from 'vitest';
import { buildApplicationCommands, discordLocalesOf } from '../../../bots/discord/command-payloads.ts';
import { customIdFor, parseInteraction } from '../../../bots/discord/interaction-parse.ts';
import type { CommandDefinition } from '../../../core/commands/index.ts';
import type { MessageKey } from '../../../core/i18n/index.ts';

const definition = (overrides: Partial<CommandDefinition>): CommandDefinition => ({
  name: 'x', kind: 'command', descriptionKey: 'command.help.description', options: [], permission: 'anyone', scope: 'any', handler: async () => ({ visibility: 'private', text: '' }), ...overrides,
});
const text = (key: MessageKey, locale?: string): string => `${locale ?? 'en'}:${key}${key === 'option.id.description' ? 'x'.repeat(120) : ''}`;

describe('Discord command payloads', () => {
  it('should localize for Finnish only when a language has no Discord locale (Slovak)', () => {
    expect(discordLocalesOf('fi')).toEqual(['fi']);
    expect(discordLocalesOf('sk')).toEqual([]);
    const [root] = buildApplicationCommands({ definitions: [definition({ name: 'help' })], groups: [], text });
    expect(root).toMatchObject({ options: [{ name: 'help', description: 'en:command.help.description', description_localizations: { fi: 'fi:command.help.description' } }] });
  });

  it('should put required options first and cut descriptions to 100 characters when a definition lists them otherwise', () => {
    const options = [
      { name: 'id', descriptionKey: 'option.id.description' as const, type: 'string' as const, required: false },
      { name: 'action', descriptionKey: 'option.action.description' as const, type: 'choice' as const, required: true, choices: [{ value: 'list', labelKey: 'choice.action.list' as const }] },
    ];
    const [root] = buildApplicationCommands({ definitions: [definition({ name: 'deliveries', options })], groups: [], text });
    const sub = (root as { options: Array<{ options: Array<{ name: string; description: string }> }> }).options[0];
    expect(sub?.options.map((option) => option.name)).toEqual(['action', 'id']);
    expect(sub?.options[1]?.description).toHaveLength(100);
  });
});

describe('Discord interaction parsing', () => {
  it('should drop the conversation id when a custom_id would pass 100 characters', () => {
    expect(customIdFor('resolve', 'conv-1')).toBe('heimo:resolve:conv-1');
    expect(customIdFor('resolve', 'c'.repeat(100))).toBe('heimo:resolve');
  });

  it('should take the thread as the question when a button carries no conversation id', () => {
    const parsed = parseInteraction({
      id: '11', application_id: '22', token: 't', type: 3, guild_id: '33', channel: { id: '44', type: 11 },
      member: { user: { id: '55', username: 'bob', global_name: null }, nick: null, roles: [] }, data: { custom_id: 'heimo:resolve', component_type: 2 },
    }, new Map());
    expect(parsed).toMatchObject({ kind: 'command', request: { command: 'resolve', question: { platform: 'discord', channelId: '44', threadId: '44' }, actor: { displayName: 'bob' } } });
  });

  it('should carry the question and the arguments when a button passes arguments', () => {
    const conversationId = '2b0f6c1e-8f3a-4d61-9a55-0c7e2f6b9d11';
    const articleId = '9d1e4b7a-3c2f-4e88-b1a0-5f6e7d8c9b0a';
    const customId = customIdFor('kb-accept', conversationId, { article: articleId });
    expect(customId).toBe(`heimo:kb-accept:${conversationId}:article=${articleId}`);
    expect(customId.length).toBeLessThanOrEqual(100);
    const parsed = parseInteraction({
      id: '11', application_id: '22', token: 't', type: 3, guild_id: '33', channel: { id: '44', type: 11 },
      member: { user: { id: '55', username: 'bob', global_name: null }, nick: null, roles: [] }, data: { custom_id: customId, component_type: 2 },
    }, new Map());
    expect(parsed).toMatchObject({ kind: 'command', request: { command: 'kb-accept', args: { article: articleId }, question: { conversationId } } });
  });

  it('should keep the arguments and let the thread name the question when the id does not fit, and refuse arguments that do not fit', () => {
    expect(customIdFor('kb-accept', 'c'.repeat(60), { article: 'a'.repeat(36) })).toBe(`heimo:kb-accept::article=${'a'.repeat(36)}`);
    const parsed = parseInteraction({
      id: '11', application_id: '22', token: 't', type: 3, channel: { id: '44', type: 11 },
      member: { user: { id: '55', username: 'bob' }, roles: [] }, data: { custom_id: `heimo:kb-accept::article=${'a'.repeat(36)}`, component_type: 2 },
    }, new Map());
    expect(parsed).toMatchObject({ kind: 'command', request: { args: { article: 'a'.repeat(36) }, question: { platform: 'discord', channelId: '44', threadId: '44' } } });
    expect(() => customIdFor('kb-accept', 'conv', { article: 'a'.repeat(100) })).toThrow(/do not fit/);
  });

  it("should ignore buttons that are not Heimo's and call an interaction without a token malformed", () => {
    const member = { user: { id: '55', username: 'bob' }, roles: [] };
    expect(parseInteraction({ id: '11', application_id: '22', token: 't', type: 3, member, data: { custom_id: 'other:thing', component_type: 2 } }, new Map())).toMatchObject({ kind: 'ignored' });
    expect(parseInteraction({ id: '11', application_id: '22', type: 2, member, data: {} }, new Map())).toEqual({ kind: 'malformed', reason: 'token: invalid_type' });
  });
});
