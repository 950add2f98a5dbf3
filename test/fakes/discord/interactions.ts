import { randomBytes } from 'node:crypto';
import type { MessageOps } from './messages.ts';
import { ApiError, type Route } from './rest-routes.ts';
import { snowflake, type FakeMessage, type FakeWorld } from './state.ts';

/** One answer Heimo gave (the first response, an edit of it, or a follow-up) as the person sees it. */
export interface FakeInteractionReply {
  content: string;
  ephemeral: boolean;
  /** The channel message of a public answer; ephemeral answers live only in the interaction. */
  messageId?: string;
}

/** A text input of a modal Heimo opened, as the person sees it. */
export interface FakeModalInput {
  customId: string;
  label: string;
  /** 1 short, 2 paragraph. */
  style: number;
  value: string;
  required: boolean;
}

/** A modal Heimo opened in answer to an interaction (callback type 9). */
export interface FakeModal {
  customId: string;
  title: string;
  inputs: FakeModalInput[];
}

/** An interaction the fake dispatched, and how it was answered. */
export interface FakeInteraction {
  id: string;
  token: string;
  createdAt: number;
  channelId: string;
  /** The interaction's type: 2 command, 3 component, 5 modal submit. */
  type: number;
  /** The modal Heimo answered with, if it did. */
  modal: FakeModal | null;
  /** 'none' until the first callback; 'deferred' after type 5 until the original is edited. */
  state: 'none' | 'replied' | 'deferred' | 'updated';
  /** Callback types received, in order (4 reply, 5 defer, 6/7 component updates, 9 modal). */
  callbacks: number[];
  original: FakeInteractionReply | null;
  /** True when the deferred answer was ephemeral (its edit stays so). */
  deferredEphemeral: boolean;
  followUps: FakeInteractionReply[];
  /** Set when the original answer was deleted. */
  originalDeleted: boolean;
}

/** Discord's limits on answering: 3 s for the first callback, 15 minutes for the token. */
export interface InteractionTimings {
  callbackWindowMs: number;
  tokenLifetimeMs: number;
}

const EPHEMERAL = 1 << 6;
type Body = Record<string, unknown>;

const fail = (status: number, code: number, message: string): never => {
  throw new ApiError(status, code, message);
};

/** Interaction callbacks, the original response and follow-ups, with Discord's timing rules. */
export function createInteractionRoutes(world: FakeWorld, ops: MessageOps, interactions: Map<string, FakeInteraction>, timings: InteractionTimings): Route[] {
  const app = world.applicationId;
  const contentOf = (body: Body, allowEmpty = false): string => {
    const content = typeof body['content'] === 'string' ? body['content'] : '';
    if (content.length === 0 && !allowEmpty) fail(400, 50006, 'Cannot send an empty message');
    if (content.length > 2000) fail(400, 50035, 'Invalid Form Body (content: Must be 2000 or fewer in length.)');
    return content;
  };
  const ephemeral = (body: Body): boolean => (Number(body['flags'] ?? 0) & EPHEMERAL) !== 0;
  // A public answer is a message in the channel from the application (Discord marks it with the app's webhook id).
  const reply = (found: FakeInteraction, content: string, isEphemeral: boolean): FakeInteractionReply => {
    if (isEphemeral) return { content, ephemeral: true };
    const message = ops.post({ channelId: found.channelId, author: world.botUser, content, webhookId: app });
    return { content, ephemeral: false, messageId: message.id };
  };
  const byToken = (token: string | undefined): FakeInteraction => {
    const found = [...interactions.values()].find((item) => item.token === token);
    if (found === undefined || Date.now() - found.createdAt > timings.tokenLifetimeMs) return fail(404, 10015, 'Unknown Webhook');
    if (found.state === 'none') return fail(404, 10015, 'Unknown Webhook');
    return found;
  };
  const editOriginal = (found: FakeInteraction, body: Body): FakeInteractionReply => {
    const content = contentOf(body);
    if (found.originalDeleted) fail(404, 10008, 'Unknown Message');
    if (found.original === null) {
      found.original = reply(found, content, found.deferredEphemeral);
      found.state = 'replied';
    } else if (found.original.messageId !== undefined) {
      const message = ops.find(found.channelId, found.original.messageId);
      if (message !== undefined) ops.edit(message, content);
      found.original = { ...found.original, content };
    } else found.original = { ...found.original, content };
    return found.original;
  };
  const asMessage = (answer: FakeInteractionReply): Partial<FakeMessage> => ({ id: answer.messageId ?? snowflake(), content: answer.content, flags: answer.ephemeral ? EPHEMERAL : 0 });

  return [
    {
      method: 'POST', pattern: /^\/interactions\/([^/]+)\/([^/]+)\/callback$/, bucket: 'POST /interactions/:id/:token/callback', auth: false,
      handler: ({ params, body }) => {
        const found = interactions.get(params[0] ?? '');
        if (found === undefined || found.token !== params[1] || Date.now() - found.createdAt > timings.callbackWindowMs) return fail(404, 10062, 'Unknown interaction');
        if (found.state !== 'none') return fail(400, 40060, 'Interaction has already been acknowledged.');
        const type = Number(body['type']);
        const data = (body['data'] ?? {}) as Body;
        found.callbacks.push(type);
        if (type === 4) {
          found.original = reply(found, contentOf(data), ephemeral(data));
          found.state = 'replied';
        } else if (type === 5) {
          found.deferredEphemeral = ephemeral(data);
          found.state = 'deferred';
        } else if (type === 6 || type === 7) found.state = 'updated';
        else if (type === 9) {
          // Discord offers no modal in answer to a submitted modal.
          if (found.type === 5) fail(400, 50035, 'Invalid Form Body (type: a modal cannot answer a modal submit)');
          found.modal = checkModal(data);
          found.state = 'replied';
        } else fail(400, 50035, 'Invalid Form Body (type: Value must be one of {4, 5, 6, 7, 9, 10, 12}.)');
        return { status: 204 };
      },
    },
    {
      method: 'PATCH', pattern: new RegExp(`^/webhooks/${app}/([^/]+)/messages/@original$`), bucket: 'PATCH /webhooks/:app/:token/messages/@original', auth: false,
      handler: ({ params, body }) => ({ status: 200, body: asMessage(editOriginal(byToken(params[0]), body)) }),
    },
    {
      method: 'DELETE', pattern: new RegExp(`^/webhooks/${app}/([^/]+)/messages/@original$`), bucket: 'DELETE /webhooks/:app/:token/messages/@original', auth: false,
      handler: ({ params }) => {
        const found = byToken(params[0]);
        if (found.originalDeleted) return fail(404, 10008, 'Unknown Message');
        const messageId = found.original?.messageId;
        const message = messageId === undefined ? undefined : ops.find(found.channelId, messageId);
        if (message !== undefined) ops.remove(message);
        found.originalDeleted = true;
        return { status: 204 };
      },
    },
    {
      method: 'POST', pattern: new RegExp(`^/webhooks/${app}/([^/]+)$`), bucket: 'POST /webhooks/:app/:token', auth: false,
      handler: ({ params, body }) => {
        const found = byToken(params[0]);
        const answer = reply(found, contentOf(body), ephemeral(body));
        found.followUps.push(answer);
        return { status: 200, body: asMessage(answer) };
      },
    },
  ];
}

type Raw = Record<string, unknown>;

// A text input inside a label (type 18, today's form) or an action row (type 1, the older one).
function modalInput(component: Raw, at: string): FakeModalInput {
  const labelled = component['type'] === 18;
  const input = (labelled ? component['component'] : (component['components'] as Raw[] | undefined)?.[0]) as Raw | undefined;
  if ((component['type'] !== 18 && component['type'] !== 1) || input?.['type'] !== 4) return fail(400, 50035, `Invalid Form Body (${at}: a modal holds labels or rows of one text input)`);
  const label = String((labelled ? component['label'] : input['label']) ?? '');
  const customId = String(input['custom_id'] ?? '');
  const value = typeof input['value'] === 'string' ? input['value'] : '';
  const max = Number(input['max_length'] ?? 4000);
  if (label.length < 1 || label.length > 45) fail(400, 50035, `Invalid Form Body (${at}.label: Must be between 1 and 45 in length.)`);
  if (customId.length < 1 || customId.length > 100) fail(400, 50035, `Invalid Form Body (${at}.custom_id: Must be between 1 and 100 in length.)`);
  if (input['style'] !== 1 && input['style'] !== 2) fail(400, 50035, `Invalid Form Body (${at}.style: Value must be one of {1, 2}.)`);
  if (max > 4000 || value.length > max) fail(400, 50035, `Invalid Form Body (${at}.value: Must be ${Math.min(max, 4000)} or fewer in length.)`);
  return { customId, label, style: Number(input['style']), value, required: input['required'] !== false };
}

// Discord's modal rules: a custom_id up to 100 characters, a title of 1-45, 1-5 components.
function checkModal(data: Raw): FakeModal {
  const customId = String(data['custom_id'] ?? '');
  const title = String(data['title'] ?? '');
  const components = data['components'];
  if (customId.length < 1 || customId.length > 100) fail(400, 50035, 'Invalid Form Body (data.custom_id: Must be between 1 and 100 in length.)');
  if (title.length < 1 || title.length > 45) fail(400, 50035, 'Invalid Form Body (data.title: Must be between 1 and 45 in length.)');
  if (!Array.isArray(components) || components.length < 1 || components.length > 5) return fail(400, 50035, 'Invalid Form Body (data.components: Must be between 1 and 5 in length.)');
  return { customId, title, inputs: (components as Raw[]).map((component, index) => modalInput(component, `data.components.${index}`)) };
}

/** A new interaction record with a fresh id and token (Discord's tokens are long random strings). */
export function newInteraction(channelId: string, type = 2): FakeInteraction {
  return {
    id: snowflake(), token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`, createdAt: Date.now(), channelId, type, modal: null,
    state: 'none', callbacks: [], original: null, deferredEphemeral: false, followUps: [], originalDeleted: false,
  };
}
