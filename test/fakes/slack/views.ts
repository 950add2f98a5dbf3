import { fail, json, type Method, str } from './api-helpers.ts';

/** A modal the bot opened (views.open), as the person sees it. */
export interface FakeSlackView {
  id: string;
  /** Who it opened for: the person whose interaction's trigger it used. */
  user: string;
  callbackId: string;
  privateMetadata: string;
  title: string;
  /** Its input blocks: block and action ids, label, the prefilled value, whether it may stay empty. */
  inputs: Array<{ blockId: string; actionId: string; label: string; initialValue: string; optional: boolean; multiline: boolean }>;
}

/** Triggers handed out with interactions (valid 3 s, once), and the modals opened with them. */
export interface FakeSlackViews {
  triggers: Map<string, { user: string; issuedAt: number; used: boolean }>;
  opened: FakeSlackView[];
}

/** How long a trigger_id opens a modal (Slack: 3 seconds). */
export const TRIGGER_WINDOW_MS = 3_000;

type Text = { type?: string; text?: unknown };
type Input = { type?: string; block_id?: string; optional?: boolean; label?: Text; element?: { type?: string; action_id?: string; initial_value?: unknown; max_length?: number; multiline?: boolean } };
const textOf = (value: Text | undefined): string => (typeof value?.text === 'string' ? value.text : '');

// Slack's modal limits: title and submit 24 characters, 100 blocks, 3,000 characters of private
// metadata, 255 of callback id; a plain-text input holds at most 3,000 characters.
function viewProblem(view: Record<string, unknown>): string | undefined {
  if (view['type'] !== 'modal') return 'type must be modal';
  const title = textOf(view['title'] as Text);
  if (title.length < 1 || title.length > 24) return 'title must be 1-24 characters';
  const submit = view['submit'] as Text | undefined;
  if (submit !== undefined && (textOf(submit).length < 1 || textOf(submit).length > 24)) return 'submit must be 1-24 characters';
  if (String(view['private_metadata'] ?? '').length > 3_000) return 'private_metadata must be 3000 characters or fewer';
  if (String(view['callback_id'] ?? '').length > 255) return 'callback_id must be 255 characters or fewer';
  const blocks = view['blocks'];
  if (!Array.isArray(blocks) || blocks.length > 100) return 'blocks must be an array of at most 100';
  for (const block of blocks as Input[]) {
    if (block.type !== 'input') continue;
    if (submit === undefined) return 'a view with inputs needs a submit button';
    const element = block.element;
    const max = element?.max_length ?? 3_000;
    if (element?.type !== 'plain_text_input' || typeof element.action_id !== 'string') return 'an input needs a plain_text_input with an action_id';
    if (max > 3_000 || (typeof element.initial_value === 'string' && element.initial_value.length > max)) return 'initial_value is longer than max_length (at most 3000)';
    if (textOf(block.label).length < 1 || textOf(block.label).length > 2_000) return 'an input label must be 1-2000 characters';
  }
  return undefined;
}

/** `views.open`: refuses an unknown, used or expired trigger, and a view outside Slack's limits. */
export const viewMethods: Record<string, Method> = {
  'views.open': (params, { views }) => {
    const triggerId = str(params['trigger_id']);
    const trigger = triggerId === undefined ? undefined : views.triggers.get(triggerId);
    if (trigger === undefined) return fail('invalid_trigger_id');
    if (trigger.used || Date.now() - trigger.issuedAt > TRIGGER_WINDOW_MS) return fail('expired_trigger_id');
    const view = json<Record<string, unknown>>(params['view']);
    if (view === undefined) return fail('invalid_arguments');
    const problem = viewProblem(view);
    if (problem !== undefined) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] ${problem}`] } };
    trigger.used = true;
    const opened: FakeSlackView = {
      id: `V${String(views.opened.length + 1).padStart(8, '0')}`,
      user: trigger.user,
      callbackId: String(view['callback_id'] ?? ''),
      privateMetadata: String(view['private_metadata'] ?? ''),
      title: textOf(view['title'] as Text),
      inputs: (view['blocks'] as Input[]).filter((block) => block.type === 'input').map((block) => ({
        blockId: block.block_id ?? '', actionId: block.element?.action_id ?? '', label: textOf(block.label),
        initialValue: typeof block.element?.initial_value === 'string' ? block.element.initial_value : '', optional: block.optional === true, multiline: block.element?.multiline === true,
      })),
    };
    views.opened.push(opened);
    return { ok: true, view: { id: opened.id, type: 'modal', callback_id: opened.callbackId } };
  },
};

/** A `view_submission` payload: the view's inputs with the values the person left in them (prefilled ones unless changed). */
export function viewSubmission(view: FakeSlackView, values: Record<string, string>, identity: { teamId: string; appId: string }, userName: string): Record<string, unknown> {
  const missing = view.inputs.find((input) => !input.optional && (values[input.actionId] ?? input.initialValue) === '');
  // Slack's client does not submit a form with a required input left empty.
  if (missing !== undefined) throw new Error(`fake slack: the required input ${missing.actionId} is empty`);
  const state = Object.fromEntries(view.inputs.map((input) => {
    const value = values[input.actionId] ?? input.initialValue;
    return [input.blockId, { [input.actionId]: { type: 'plain_text_input', value: value === '' ? null : value } }];
  }));
  return {
    type: 'view_submission',
    team: { id: identity.teamId, domain: 'heimo-fake' },
    user: { id: view.user, username: userName, name: userName, team_id: identity.teamId },
    api_app_id: identity.appId,
    token: 'legacy-verification-token-unused',
    trigger_id: `trig-submit-${view.id}`,
    view: { id: view.id, team_id: identity.teamId, type: 'modal', callback_id: view.callbackId, private_metadata: view.privateMetadata, state: { values: state }, hash: 'fake', app_id: identity.appId, blocks: [] },
    response_urls: [],
    is_enterprise_install: false,
  };
}
