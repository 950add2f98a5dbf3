import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';

/**
 * Bolt's App whose acks wait until every listener finished. Bolt acks an Events API event before
 * its listeners run; the HTTP receiver can hold that answer back (processBeforeResponse), the
 * Socket Mode receiver cannot, and an early ack would lose an event the core then failed to store.
 * A listener that throws leaves the envelope unacknowledged, so Slack redelivers it.
 */
export class AckAfterHandlingApp extends App {
  private readonly onAckFailed: (error: unknown) => void;

  constructor(options: AppOptions, onAckFailed: (error: unknown) => void) {
    super(options);
    this.onAckFailed = onAckFailed;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    let answer: { body: unknown } | undefined;
    await super.processEvent({
      ...event,
      ack: async (body?: unknown) => {
        answer = { body };
      },
    });
    try {
      // Events nobody acked (no matching listener) are acked too: handled is handled.
      await event.ack(answer?.body);
    } catch (error) {
      // The socket dropped while the core worked: Slack redelivers, and the core dedupes.
      this.onAckFailed(error);
    }
  }
}
