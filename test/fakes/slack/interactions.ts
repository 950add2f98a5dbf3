import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSlackIdentity } from './api-helpers.ts';
import { sendSignedRequest } from './sign.ts';
import type { FakeSocketMode } from './socket-mode.ts';
import { type FakeSlackMessage, type FakeSlackStore, toApiMessage } from './store.ts';
import { type FakeSlackView, type FakeSlackViews, viewSubmission } from './views.ts';

/** Slack's window for acknowledging a command, button or shortcut; a later answer is a failure. */
export const ACK_WINDOW_MS = 3_000;

/** A message the bot sent to a response_url. */
export interface FakeSlackResponse {
  /** The response_url's id, as the invocation that handed it out knows it. */
  id: string;
  body: Record<string, unknown>;
}

/** How the bot acknowledged one command, button press or shortcut. */
export interface FakeSlackInteraction {
  kind: 'command' | 'button' | 'shortcut' | 'view';
  /** 200 when acknowledged in time; the bot's other status; 0 when no ack came within 3 s. */
  status: number;
  ms: number;
  /** The id of the response_url it carried (see `responses`). */
  responseId: string;
}

/** Where commands and interactions go: HTTP posts next to the events URL, or Socket Mode. */
export interface InteractionTarget {
  url: string | undefined;
  signingSecret: string | undefined;
  socket: FakeSocketMode | undefined;
}

// Heimo serves /slack/commands and /slack/interactions beside /slack/events.
const sibling = (eventsUrl: string, path: string): string => eventsUrl.replace(/\/slack\/events$/, path);

/** Sends slash commands, button presses and message shortcuts like Slack, and serves response_url. */
export class InteractionSender {
  readonly responses: FakeSlackResponse[] = [];
  readonly interactions: FakeSlackInteraction[] = [];

  constructor(
    private readonly origin: () => string,
    private readonly target: InteractionTarget,
    private readonly identity: FakeSlackIdentity,
    private readonly store: FakeSlackStore,
    private readonly views: FakeSlackViews,
  ) {}

  /** Answers POST /response/<id>; false for any other request. */
  answerResponse(request: IncomingMessage, response: ServerResponse): boolean {
    const id = /^\/response\/([\w-]+)$/.exec(new URL(request.url ?? '/', 'http://fake').pathname)?.[1];
    if (id === undefined || request.method !== 'POST') return false;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        this.responses.push({ id, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end('invalid_payload');
      }
    });
    return true;
  }

  /** `/heimo <text>` typed by `user` in `channel`; Slack offers no slash commands in threads. */
  command(input: { user: string; channel: string; text: string; threadTs?: string }): Promise<FakeSlackInteraction> {
    if (input.threadTs !== undefined) throw new Error('fake slack: slash commands cannot be used in threads (use a message shortcut)');
    const responseId = randomUUID();
    const fields: Record<string, string> = {
      token: 'legacy-verification-token-unused',
      team_id: this.identity.teamId,
      team_domain: 'heimo-fake',
      channel_id: input.channel,
      channel_name: `channel-${input.channel.toLowerCase()}`,
      user_id: input.user,
      user_name: this.store.users.get(input.user)?.name ?? input.user.toLowerCase(),
      command: '/heimo',
      text: input.text,
      api_app_id: this.identity.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl(responseId),
      trigger_id: this.trigger(input.user, responseId),
    };
    return this.send('command', responseId, fields, new URLSearchParams(fields).toString());
  }

  /** `user` presses the button `actionId` on a message the bot posted. */
  press(input: { user: string; channel: string; messageTs: string; actionId: string }): Promise<FakeSlackInteraction> {
    const message = this.message(input.channel, input.messageTs);
    const found = findButton(message.blocks ?? [], input.actionId);
    if (found === undefined) throw new Error(`fake slack: no button ${input.actionId} on ${input.channel}/${input.messageTs}`);
    const responseId = randomUUID();
    const payload = {
      type: 'block_actions',
      ...this.common(input.user, responseId),
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false, ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }) },
      channel: { id: message.channel, name: `channel-${message.channel.toLowerCase()}` },
      message: toApiMessage(message, this.store, false),
      state: { values: {} },
      actions: [{ type: 'button', block_id: found.blockId, action_ts: this.store.nextTs(), ...found.button }],
    };
    return this.send('button', responseId, payload, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  /** `user` runs the message shortcut `callbackId` on a message (a reply in a card's thread, or the card). */
  shortcut(input: { user: string; channel: string; messageTs: string; callbackId: string }): Promise<FakeSlackInteraction> {
    const message = this.message(input.channel, input.messageTs);
    const responseId = randomUUID();
    const payload = {
      type: 'message_action',
      ...this.common(input.user, responseId),
      callback_id: input.callbackId,
      action_ts: this.store.nextTs(),
      message_ts: message.ts,
      channel: { id: message.channel, name: `channel-${message.channel.toLowerCase()}` },
      message: toApiMessage(message, this.store, false),
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.send('shortcut', responseId, payload, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  private common(user: string, responseId: string): Record<string, unknown> {
    const name = this.store.users.get(user)?.name ?? user.toLowerCase();
    return {
      token: 'legacy-verification-token-unused',
      api_app_id: this.identity.appId,
      team: { id: this.identity.teamId, domain: 'heimo-fake' },
      user: { id: user, name, username: name, team_id: this.identity.teamId },
      trigger_id: this.trigger(user, responseId),
      response_url: this.responseUrl(responseId),
    };
  }

  /** `user` submits a modal the bot opened for them, with the values they typed (the rest as prefilled). */
  submitView(input: { view: FakeSlackView; values?: Record<string, string> }): Promise<FakeSlackInteraction> {
    const name = this.store.users.get(input.view.user)?.name ?? input.view.user.toLowerCase();
    const payload = viewSubmission(input.view, input.values ?? {}, this.identity, name);
    return this.send('view', randomUUID(), payload, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  // A trigger lets the bot open one modal for the person within 3 seconds.
  private trigger(user: string, responseId: string): string {
    const id = `trig-${responseId}`;
    this.views.triggers.set(id, { user, issuedAt: Date.now(), used: false });
    return id;
  }

  private message(channel: string, ts: string): FakeSlackMessage {
    const message = this.store.find(channel, ts);
    if (message === undefined) throw new Error(`fake slack: no message ${channel}/${ts}`);
    return message;
  }

  private responseUrl(id: string): string {
    return `${this.origin()}/response/${id}`;
  }

  private async send(kind: FakeSlackInteraction['kind'], responseId: string, payload: Record<string, unknown>, form: string): Promise<FakeSlackInteraction> {
    const { url, signingSecret, socket } = this.target;
    const started = Date.now();
    let status: number;
    if (socket !== undefined) {
      status = (await socket.send(payload, { type: kind === 'command' ? 'slash_commands' : 'interactive' })).status;
    } else {
      if (url === undefined || signingSecret === undefined) throw new Error('fake slack: no url for commands and interactions (setEvents)');
      const path = kind === 'command' ? '/slack/commands' : '/slack/interactions';
      try {
        const answer = await sendSignedRequest(sibling(url, path), form, 'application/x-www-form-urlencoded', signingSecret, { timeoutMs: ACK_WINDOW_MS });
        status = answer.status;
      } catch {
        status = 0; // no answer within Slack's window: the person sees "operation timed out"
      }
    }
    const ms = Date.now() - started;
    const interaction: FakeSlackInteraction = { kind, status: ms > ACK_WINDOW_MS ? 0 : status, ms, responseId };
    this.interactions.push(interaction);
    return interaction;
  }
}

type Button = { action_id: string; text?: unknown; value?: string; url?: string; style?: string };

// The button with `actionId` in a message's blocks, and the id of its block.
function findButton(blocks: unknown[], actionId: string): { blockId: string; button: Button } | undefined {
  for (const [index, block] of blocks.entries()) {
    const { elements, block_id: blockId } = block as { elements?: unknown[]; block_id?: string };
    const button = (elements ?? []).find((element) => (element as Button).action_id === actionId) as Button | undefined;
    if (button !== undefined) return { blockId: blockId ?? `block-${index}`, button };
  }
  return undefined;
}
