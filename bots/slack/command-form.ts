import type { types } from '@slack/bolt';
import { z } from 'zod/v4';
import type { CommandForm } from '../../core/index.ts';

/** The callback id of every form Heimo opens: the modal's metadata says which command it runs. */
export const FORM_CALLBACK_ID = 'heimo_form';

// Slack's modal limits: a 24-character title and submit label, 3,000 characters of private
// metadata, 3,000 characters an input, 100 blocks.
const TITLE_MAX = 24;
const METADATA_MAX = 3_000;
const VALUE_MAX = 3_000;
const LABEL_MAX = 2_000;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Where a form was opened from: its answer goes there (privately) once it is submitted. */
export interface FormPlace {
  channelId: string;
  /** The thread it was opened in (a card's), if any. */
  threadTs?: string;
}

const metadataSchema = z.object({ command: z.string().min(1), args: z.record(z.string(), z.string()), channelId: z.string().min(1), threadTs: z.string().optional() });

/** A modal view for views.open, or undefined when the form does not fit Slack's limits (the reply's text says how to type it). */
export function viewOf(form: CommandForm, place: FormPlace): types.ModalView | undefined {
  const metadata = JSON.stringify({ command: form.command, args: form.args, channelId: place.channelId, ...(place.threadTs === undefined ? {} : { threadTs: place.threadTs }) });
  // A value cut to fit would be saved cut: such a form is not offered.
  if (metadata.length > METADATA_MAX || form.fields.some((field) => field.value.length > VALUE_MAX)) return undefined;
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: metadata,
    title: { type: 'plain_text', text: clip(form.title, TITLE_MAX) },
    submit: { type: 'plain_text', text: clip(form.submit, TITLE_MAX) },
    blocks: form.fields.map((field) => ({
      type: 'input',
      block_id: field.name,
      optional: !field.required,
      label: { type: 'plain_text', text: clip(field.label, LABEL_MAX) },
      element: { type: 'plain_text_input', action_id: field.name, multiline: field.long, max_length: VALUE_MAX, ...(field.value === '' ? {} : { initial_value: field.value }) },
    })),
  };
}

const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1), name: z.string().optional() }),
  view: z.object({
    callback_id: z.literal(FORM_CALLBACK_ID),
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())) }),
  }),
});

/** A submitted Heimo form as a command to run for its person. */
export interface FormSubmission extends FormPlace {
  userId: string;
  userName?: string;
  command: string;
  args: Record<string, string>;
}

/** A `view_submission` of a Heimo form: the carried arguments, then the fields (an emptied one is left out); undefined for anything else. */
export function readFormSubmission(body: unknown): FormSubmission | undefined {
  const parsed = submissionSchema.safeParse(body).data;
  if (parsed === undefined) return undefined;
  let metadata: z.infer<typeof metadataSchema> | undefined;
  try {
    metadata = metadataSchema.safeParse(JSON.parse(parsed.view.private_metadata)).data;
  } catch {
    return undefined;
  }
  if (metadata === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const inputs of Object.values(parsed.view.state.values)) {
    for (const [name, input] of Object.entries(inputs)) if (typeof input.value === 'string' && input.value !== '') fields[name] = input.value;
  }
  return {
    userId: parsed.user.id,
    ...(parsed.user.name === undefined ? {} : { userName: parsed.user.name }),
    command: metadata.command,
    args: { ...metadata.args, ...fields },
    channelId: metadata.channelId,
    ...(metadata.threadTs === undefined ? {} : { threadTs: metadata.threadTs }),
  };
}
