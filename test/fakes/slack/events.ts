import { type SignedSendResult, sendSlackEvent } from './sign.ts';
import { type FakeSlackMessage, type FakeSlackStore, toApiMessage } from './store.ts';
import type { FakeSlackIdentity, FakeSlackReactionChange } from './api-helpers.ts';

/** One Events API delivery the fake made to the bot, and how the bot answered. */
export interface FakeSlackDelivery {
  event: Record<string, unknown>;
  eventId: string;
  status: number;
}

/** Where the fake delivers events, and with which secret it signs them. */
export interface EventTarget {
  url: string | undefined;
  signingSecret: string | undefined;
}

/** Sends message and reaction events to the bot like Slack's Events API: signed, wrapped, recorded. */
export class EventDeliverer {
  readonly deliveries: FakeSlackDelivery[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly target: EventTarget,
    private readonly identity: FakeSlackIdentity,
  ) {}

  get enabled(): boolean {
    return this.target.url !== undefined && this.target.signingSecret !== undefined;
  }

  /** Delivers in the background (Slack does not wait for the bot before answering the API call). */
  deliver(event: Record<string, unknown>): Promise<SignedSendResult> | undefined {
    const { url, signingSecret } = this.target;
    if (url === undefined || signingSecret === undefined) return undefined;
    const sending = sendSlackEvent(url, event, signingSecret, { teamId: this.identity.teamId, appId: this.identity.appId })
      .then((result) => {
        this.deliveries.push({ event, eventId: result.eventId, status: result.status });
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
