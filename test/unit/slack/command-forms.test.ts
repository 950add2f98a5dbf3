import { describe, expect, it } from 'vitest';
import { FORM_CALLBACK_ID, readFormSubmission, viewOf } from '../../../bots/slack/command-form.ts';
import { commandOfId, readButton, readShortcut, readSlash, shortcutCallbackId } from '../../../bots/slack/command-input.ts';
import { COMMANDS, type CommandForm } from '../../../core/commands/index.ts';

const FORM: CommandForm = {
  command: 'kb edit', title: 'Muokkaa artikkelia perusteellisesti', submit: 'Tallenna', args: { article: 'a1' },
  fields: [
    { name: 'title', label: 'Otsikko', value: 'Reset', long: false, required: false },
    { name: 'answer', label: 'Vastaus', value: '', long: true, required: true },
  ],
};

describe('Slack: forms as modals', () => {
  it('should render a form as a modal whose metadata names the command, its arguments and where it was opened', () => {
    const view = viewOf(FORM, { channelId: 'C-review', threadTs: '1800000000.000100' });
    expect(view).toMatchObject({
      type: 'modal', callback_id: FORM_CALLBACK_ID,
      // Slack's titles are at most 24 characters.
      title: { type: 'plain_text', text: 'Muokkaa artikkelia peru…' }, submit: { type: 'plain_text', text: 'Tallenna' },
      blocks: [
        { type: 'input', block_id: 'title', optional: true, label: { text: 'Otsikko' }, element: { type: 'plain_text_input', action_id: 'title', multiline: false, initial_value: 'Reset' } },
        { type: 'input', block_id: 'answer', optional: false, label: { text: 'Vastaus' }, element: { type: 'plain_text_input', action_id: 'answer', multiline: true } },
      ],
    });
    expect(view?.blocks[1]).not.toHaveProperty('element.initial_value');
    expect(JSON.parse(view?.private_metadata ?? '')).toEqual({ command: 'kb edit', args: { article: 'a1' }, channelId: 'C-review', threadTs: '1800000000.000100' });
  });

  it('should offer no modal when a prefilled value would have to be cut', () => {
    expect(viewOf({ ...FORM, fields: [{ ...FORM.fields[0]!, value: 'x'.repeat(3_001) }] }, { channelId: 'C1' })).toBeUndefined();
  });

  it('should read a submission as the command to run: carried arguments, typed values, an emptied field left out', () => {
    const body = {
      type: 'view_submission', user: { id: 'U1', name: 'sanna' },
      view: {
        callback_id: FORM_CALLBACK_ID, private_metadata: JSON.stringify({ command: 'kb edit', args: { article: 'a1' }, channelId: 'C-review' }),
        state: { values: { title: { title: { type: 'plain_text_input', value: null } }, answer: { answer: { type: 'plain_text_input', value: 'Click the link.' } } } },
      },
    };
    expect(readFormSubmission(body)).toEqual({ userId: 'U1', userName: 'sanna', command: 'kb edit', args: { article: 'a1', answer: 'Click the link.' }, channelId: 'C-review' });
    expect(readFormSubmission({ ...body, view: { ...body.view, private_metadata: 'not json' } })).toBeUndefined();
    expect(readFormSubmission({ ...body, view: { ...body.view, callback_id: 'someone_else' } })).toBeUndefined();
  });
});

describe('Slack: knowledge commands from buttons and shortcuts', () => {
  it('should map the Add to knowledge base shortcut and a review button back to their commands', () => {
    expect(shortcutCallbackId('add-to-kb')).toBe('heimo_add_to_kb');
    expect(commandOfId('heimo_add_to_kb', COMMANDS)).toBe('add-to-kb');
    expect(commandOfId('heimo_kb.publish', COMMANDS)).toBe('kb publish');
  });

  it('should hand over a button\'s arguments and the triggers that let Heimo open a form', () => {
    const button = readButton({
      user: { id: 'U1' }, channel: { id: 'C-review' }, container: { message_ts: '1800000000.000100', channel_id: 'C-review' }, trigger_id: 'trig-1',
      actions: [{ action_id: 'heimo_kb.edit', value: JSON.stringify({ a: { article: 'a1' } }) }],
    });
    expect(button).toEqual({ userId: 'U1', actionId: 'heimo_kb.edit', channelId: 'C-review', cardTs: '1800000000.000100', args: { article: 'a1' }, triggerId: 'trig-1' });
    expect(readSlash({ text: 'kb add', user_id: 'U1', channel_id: 'C1', trigger_id: 'trig-2' })?.trigger_id).toBe('trig-2');
    expect(readShortcut({ callback_id: 'heimo_add_to_kb', user: { id: 'U1' }, channel: { id: 'C1' }, message: { ts: '2.0', thread_ts: '1.0' }, trigger_id: 'trig-3' })?.triggerId).toBe('trig-3');
  });
});
