import { describe, expect, it } from 'vitest';
import { modalOf, readFormSubmit } from '../../../bots/discord/command-form.ts';
import { buildApplicationCommands } from '../../../bots/discord/command-payloads.ts';
import { parseInteraction } from '../../../bots/discord/interaction-parse.ts';
import { COMMAND_GROUPS, COMMANDS, type CommandForm } from '../../../core/commands/index.ts';
import { translator, type MessageKey } from '../../../core/i18n/index.ts';

const text = (key: MessageKey, locale?: string): string => translator(locale)(key);
const member = { user: { id: '55', username: 'bob', global_name: null }, nick: null, roles: ['role-staff'] };
const interaction = (type: number, data: Record<string, unknown>) => ({ id: '11', application_id: '22', token: 't', type, guild_id: '33', channel: { id: '44', type: 0 }, member, data });

const FORM: CommandForm = {
  command: 'kb edit', title: 'Edit article', submit: 'Save', args: { article: 'a1' },
  fields: [
    { name: 'title', label: 'Title', value: 'Reset', long: false, required: false },
    { name: 'answer', label: 'Answer', value: 'Use the link.', long: true, required: true },
  ],
};

describe('Discord: the kb group', () => {
  it('should register kb as a subcommand group of /heimo holding its commands, each with its own name', () => {
    const [root] = buildApplicationCommands({ definitions: COMMANDS, groups: COMMAND_GROUPS, text });
    const options = (root as { options: Array<{ type: number; name: string; description: string; options?: Array<{ type: number; name: string; options: Array<{ name: string; required: boolean }> }> }> }).options;
    const kb = options.find((option) => option.name === 'kb');
    expect(kb).toMatchObject({ type: 2, description: 'Knowledge base: search, add and review articles' });
    expect(kb?.options?.map((sub) => [sub.type, sub.name])).toEqual([[1, 'search'], [1, 'add'], [1, 'edit'], [1, 'publish'], [1, 'reject'], [1, 'retire'], [1, 'verify'], [1, 'rollback'], [1, 'stale']]);
    expect(kb?.options?.find((sub) => sub.name === 'rollback')?.options.map((option) => [option.name, option.required])).toEqual([['article', true], ['revision', true]]);
    // Discord allows 25 options under a command and 32 characters a name.
    expect(options.length).toBeLessThanOrEqual(25);
    expect(options.some((option) => option.name.includes(' '))).toBe(false);
  });

  it('should run `kb search` when Discord sends the group with its subcommand', () => {
    const parsed = parseInteraction(interaction(2, { name: 'heimo', type: 1, options: [{ name: 'kb', type: 2, options: [{ name: 'search', type: 1, options: [{ name: 'text', type: 3, value: 'reset password' }] }] }] }), new Map());
    expect(parsed).toMatchObject({ kind: 'command', request: { command: 'kb search', args: { text: 'reset password' }, guildId: '33' } });
    expect(parsed).not.toHaveProperty('submitted');
  });

  it('should call a group without its subcommand malformed', () => {
    expect(parseInteraction(interaction(2, { name: 'heimo', type: 1, options: [{ name: 'kb', type: 2, options: [] }] }), new Map())).toMatchObject({ kind: 'malformed' });
  });
});

describe('Discord: forms as modals', () => {
  it('should render a form as a modal of labelled text inputs that names its command and carried arguments', () => {
    expect(modalOf(FORM)).toEqual({
      custom_id: 'heimo-form:kb edit?article=a1',
      title: 'Edit article',
      components: [
        { type: 18, label: 'Title', component: { type: 4, custom_id: 'title', style: 1, required: false, max_length: 4000, value: 'Reset' } },
        { type: 18, label: 'Answer', component: { type: 4, custom_id: 'answer', style: 2, required: true, max_length: 4000, value: 'Use the link.' } },
      ],
    });
  });

  it('should offer no modal when a value would have to be cut or there are more than five fields', () => {
    expect(modalOf({ ...FORM, fields: [{ ...FORM.fields[1]!, value: 'x'.repeat(4001) }] })).toBeUndefined();
    expect(modalOf({ ...FORM, fields: Array.from({ length: 6 }, (_, index) => ({ ...FORM.fields[0]!, name: `f${index}` })) })).toBeUndefined();
    expect(modalOf({ ...FORM, args: { article: 'a'.repeat(100) } })).toBeUndefined();
  });

  it('should read a submitted modal back as its command with the carried arguments and the typed values', () => {
    const components = [
      { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'title', value: 'Reset it' } },
      { type: 1, id: 3, components: [{ type: 4, id: 4, custom_id: 'answer', value: 'Click the link.' }] },
    ];
    expect(readFormSubmit('heimo-form:kb edit?article=a1', components)).toEqual({ command: 'kb edit', args: { article: 'a1', title: 'Reset it', answer: 'Click the link.' } });
    expect(readFormSubmit('someone-else:form', components)).toBeUndefined();
    const parsed = parseInteraction(interaction(5, { custom_id: 'heimo-form:kb add', components }), new Map());
    expect(parsed).toMatchObject({ kind: 'command', submitted: true, request: { command: 'kb add', args: { title: 'Reset it', answer: 'Click the link.' } } });
    expect(parseInteraction(interaction(5, { custom_id: 'other', components }), new Map())).toMatchObject({ kind: 'ignored' });
  });
});
