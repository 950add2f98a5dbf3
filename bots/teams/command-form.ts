import type { CommandForm } from '../../core/index.ts';
import { adaptiveCard, type CardAttachment } from './adaptive-card.ts';
import { verbOf } from './card-actions.ts';

// Teams caps a whole activity near 28 KB: a form whose prefilled text would not fit is not offered.
const MAX_FORM_CHARS = 20_000;

/**
 * A form as an Adaptive Card: one Input.Text per field and a submit button, an Action.Execute
 * whose verb runs the form's command; Teams adds the inputs' values to its `data`, whose `args`
 * are the form's own arguments (the article being edited). Undefined when the form would not fit.
 */
export function formCard(form: CommandForm): CardAttachment | undefined {
  const size = form.fields.reduce((total, field) => total + field.value.length + field.label.length, 0);
  if (size > MAX_FORM_CHARS) return undefined;
  return adaptiveCard({
    body: [
      { type: 'TextBlock', text: form.title, size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      ...form.fields.map((field) => ({
        type: 'Input.Text',
        id: field.name,
        label: field.label,
        value: field.value,
        isMultiline: field.long,
        isRequired: field.required,
        ...(field.required ? { errorMessage: field.label } : {}),
      })),
    ],
    // `args` is always there: an invoke carries a conversation or arguments (command-invoke.ts).
    actions: [{ type: 'Action.Execute', title: form.submit, verb: verbOf(form.command), data: { args: { ...form.args } } }],
  });
}
