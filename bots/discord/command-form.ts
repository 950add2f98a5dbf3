import { ComponentType, TextInputStyle } from 'discord.js';
import type { ArgValue, CommandForm } from '../../core/index.ts';

// A modal's custom_id names the command it runs and the arguments it carries: `heimo-form:kb edit?article=…`.
const FORM_PREFIX = 'heimo-form:';
// Discord's modal limits: 100 characters of custom_id, a 45-character title and labels, 5 fields, 4,000 characters a field.
const CUSTOM_ID_MAX = 100;
const TITLE_MAX = 45;
const FIELDS_MAX = 5;
const VALUE_MAX = 4_000;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A modal's body for the interaction callback (type 9), or undefined when the form does not fit Discord's limits. */
export function modalOf(form: CommandForm): Record<string, unknown> | undefined {
  const query = new URLSearchParams(form.args).toString();
  const customId = `${FORM_PREFIX}${form.command}${query === '' ? '' : `?${query}`}`;
  // A value cut to fit would be saved cut: a form that does not fit is not offered (the reply says how to type it).
  if (customId.length > CUSTOM_ID_MAX || form.fields.length > FIELDS_MAX || form.fields.some((field) => field.value.length > VALUE_MAX)) return undefined;
  return {
    custom_id: customId,
    title: clip(form.title, TITLE_MAX),
    components: form.fields.map((field) => ({
      type: ComponentType.Label,
      label: clip(field.label, TITLE_MAX),
      component: {
        type: ComponentType.TextInput,
        custom_id: field.name,
        style: field.long ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: field.required,
        max_length: VALUE_MAX,
        ...(field.value === '' ? {} : { value: field.value }),
      },
    })),
  };
}

type Raw = { type?: unknown; custom_id?: unknown; value?: unknown; component?: unknown; components?: unknown };

// Text inputs at any depth: inside labels (type 18) today, inside action rows in older clients.
function textInputs(components: unknown, found: Record<string, string> = {}): Record<string, string> {
  if (!Array.isArray(components)) return found;
  for (const raw of components as Raw[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    if (raw.type === ComponentType.TextInput && typeof raw.custom_id === 'string' && typeof raw.value === 'string') found[raw.custom_id] = raw.value;
    if (raw.component !== undefined) textInputs([raw.component], found);
    if (raw.components !== undefined) textInputs(raw.components, found);
  }
  return found;
}

/** The command a submitted Heimo modal runs and its arguments (carried ones, then the fields); undefined for any other modal. */
export function readFormSubmit(customId: string, components: unknown): { command: string; args: Record<string, ArgValue> } | undefined {
  if (!customId.startsWith(FORM_PREFIX)) return undefined;
  const [command = '', query = ''] = customId.slice(FORM_PREFIX.length).split('?', 2);
  if (command.trim() === '') return undefined;
  // An emptied field is an empty value: the command reads it as not given.
  return { command, args: { ...Object.fromEntries(new URLSearchParams(query)), ...textInputs(components) } };
}
