import { describe, expect, it } from 'vitest';
import { formCard } from '../../../bots/teams/command-form.ts';
import { commandTextOf, typedCommandRequest } from '../../../bots/teams/command-message.ts';
import type { CommandActivity } from '../../../bots/teams/command-replies.ts';
import { createCommandRegistry, type CommandForm } from '../../../core/commands/index.ts';

const registry = createCommandRegistry();
const BOT = { id: '28:bot', name: 'Heimo' };
const typed = (text: string): CommandActivity => ({
  type: 'message', id: '200', text, recipient: BOT, from: { id: '29:erin', aadObjectId: 'aad-erin', name: 'Erin' },
  conversation: { id: '19:c@thread.tacv2;messageid=100', conversationType: 'channel' }, entities: [{ type: 'mention', text: '<at>Heimo</at>', mentioned: BOT }],
});

describe('Teams: knowledge commands', () => {
  it('should take `@Heimo kb …` as a command of the group, and a group word alone too', () => {
    const activity = typed('<at>Heimo</at> kb search reset password');
    const text = commandTextOf(activity, registry);
    expect(text).toBe('kb search reset password');
    expect(typedCommandRequest(activity, text ?? '', registry)).toMatchObject({ command: 'kb search', args: { text: 'reset password' } });
    expect(commandTextOf(typed('<at>Heimo</at> kb'), registry)).toBe('kb');
  });

  it('should render a form as a card of inputs whose Execute runs the command with the carried arguments', () => {
    const form: CommandForm = {
      command: 'kb edit', title: 'Edit article', submit: 'Save', args: { article: 'a1' },
      fields: [{ name: 'answer', label: 'Answer', value: 'Use the link.', long: true, required: true }],
    };
    expect(formCard(form)?.content).toMatchObject({
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Edit article' }, { type: 'Input.Text', id: 'answer', label: 'Answer', value: 'Use the link.', isMultiline: true, isRequired: true }],
      actions: [{ type: 'Action.Execute', title: 'Save', verb: 'heimo.kb edit', data: { args: { article: 'a1' } } }],
    });
    expect(formCard({ ...form, fields: [{ ...form.fields[0]!, value: 'x'.repeat(30_000) }] })).toBeUndefined();
  });
});
