import { eventCallback, type SignedSendResult, sendInteraction, sendSlackEvent } from './sign.ts';
import type { FakeSocketMode } from './socket-mode.ts';
import { type FakeSlackMessage, type FakeSlackStore, toApiMessage } from './store.ts';
import type { FakeSlackIdentity, FakeSlackReactionChange } from './api-helpers.ts';

/** One Events API delivery the fake made to the bot, and how the bot answered. */
export interface FakeSlackDelivery {
  event: Record<string, unknown>;
  eventId: string;
  /** HTTP: the bot's status. Socket Mode: 200 once acknowledged, 0 when no ack came within the window. */
  status: number;
  /** Set when the event went over Socket Mode. */
  envelopeId?: string;
}

/** Where the fake delivers events: signed HTTP posts to `url`, or envelopes over `socket` when that is set. */
export interface EventTarget {
  url: string | undefined;
  signingSecret: string | undefined;
  socket: FakeSocketMode | undefined;
}

type Sent = SignedSendResult & { eventId: string; envelopeId?: string };

/** Sends message and reaction events to the bot like Slack's Events API (HTTP or Socket Mode): wrapped, recorded. */
export class EventDeliverer {
  readonly deliveries: FakeSlackDelivery[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly target: EventTarget,
    private readonly identity: FakeSlackIdentity,
  ) {}

  /** Delivers in the background (Slack does not wait for the bot before answering the API call). */
  deliver(event: Record<string, unknown>): Promise<SignedSendResult> | undefined {
    const started = this.send(event);
    if (started === undefined) return undefined;
    const sending = started
      .then((result) => {
        this.deliveries.push({ event, eventId: result.eventId, status: result.status, ...(result.envelopeId === undefined ? {} : { envelopeId: result.envelopeId }) });
        return result;
      })
      .catch((error: unknown) => {
        this.deliveries.push({ event, eventId: '', status: 0 });
        return { status: 0, body: String(error) };
      });
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
    return sending;
  }

  private send(event: Record<string, unknown>): Promise<Sent> | undefined {
    const { url, signingSecret, socket } = this.target;
    const ids = { teamId: this.identity.teamId, appId: this.identity.appId };
    if (socket !== undefined) {
      const { body, eventId } = eventCallback(event, ids);
      return socket.send(body, { eventId });
    }
    if (url === undefined || signingSecret === undefined) return undefined;
    return sendSlackEvent(url, event, signingSecret, ids);
  }

  /** Sends a button click's `block_actions` payload the way the events go; not recorded as a delivery. */
  interact(payload: Record<string, unknown>): Promise<SignedSendResult> | undefined {
    const { url, signingSecret, socket } = this.target;
    if (socket !== undefined) return socket.send(payload, { type: 'interactive' });
    if (url === undefined || signingSecret === undefined) return undefined;
    return sendInteraction(url, payload, signingSecret);
  }

  /** Resolves once every delivery started so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  posted(message: FakeSlackMessage, store: FakeSlackStore): Record<string, unknown> {
    return {
      ...toApiMessage(message, store, true),
      channel: message.channel,
      event_ts: message.ts,
      channel_type: 'channel',
      team: this.identity.teamId,
    };
  }

  changed(before: Record<string, unknown>, after: FakeSlackMessage, store: FakeSlackStore): Record<string, unknown> {
    const ts = store.nextTs();
    return {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: after.channel,
      ts,
      event_ts: ts,
      channel_type: 'channel',
      message: toApiMessage(after, store, true),
      previous_message: before,
    };
  }

  deleted(before: Record<string, unknown>, channel: string, store: FakeSlackStore): Record<string, unknown> {
    const ts = store.nextTs();
    return {
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel,
      ts,
      event_ts: ts,
      channel_type: 'channel',
      deleted_ts: before['ts'],
      previous_message: before,
    };
  }

  reaction(change: FakeSlackReactionChange, store: FakeSlackStore): Record<string, unknown> {
    return {
      type: change.added ? 'reaction_added' : 'reaction_removed',
      user: change.user,
      reaction: change.name,
      item: { type: 'message', channel: change.message.channel, ts: change.message.ts },
      item_user: change.message.user,
      event_ts: store.nextTs(),
    };
  }
}
