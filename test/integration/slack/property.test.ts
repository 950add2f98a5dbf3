import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSignedRequest, sendSlackEvent } from '../../fakes/slack/sign.ts';
import { hostileValue, mutatedJson, propertyRuns, showsGarbage } from '../../support/mutate-json.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};
let counter = 0;
const nextTs = (): string => `17000${String((counter += 1)).padStart(5, '0')}.000001`;
const reply = (): Record<string, unknown> => ({ type: 'message', channel: CHANNEL, user: 'U0ALICE', text: 'hi there', ts: nextTs(), thread_ts: '1700000000.000001' });

describe('slack events endpoint, property-based', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    h = await startSlackHarness();
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await h.close();
  });

  it('should never crash, answer 5xx or hand on garbage text when signed events are mutated arbitrarily', async () => {
    const keys = ['type', 'channel', 'user', 'text', 'ts', 'thread_ts', 'subtype', 'files', 'blocks', 'bot_id', 'message', 'previous_message', 'edited'];
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedJson(reply(), keys), fc.constant(null)), async (event) => {
        const before = h.events.length;
        const payload = event === null ? null : { ...event, ts: nextTs() };
        const result = payload === null ? await sendSignedRequest(h.eventsUrl, 'null', 'application/json', SIGNING_SECRET) : await sendSlackEvent(h.eventsUrl, payload, SIGNING_SECRET);
        expect(result.status).toBeLessThan(500);
        expect(crashes).toEqual([]);
        for (const handed of h.events.slice(before)) {
          const text = 'text' in handed ? handed.text : '';
          expect(showsGarbage(text, payload)).toBe(false);
        }
      }),
      propertyRuns(60),
    );
    await sendSlackEvent(h.eventsUrl, reply(), SIGNING_SECRET);
    await waitFor(() => h.events.some((event) => 'text' in event && event.text === 'hi there'), 'a sound event after the hostile ones');
  });

  it('should never crash or answer 5xx when a signed body is any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ type: fc.constant('event_callback'), event: hostileValue() })), async (body) => {
        const result = await sendSignedRequest(h.eventsUrl, JSON.stringify(body) ?? 'null', 'application/json', SIGNING_SECRET);
        expect(result.status).toBeLessThan(500);
        expect(crashes).toEqual([]);
      }),
      propertyRuns(12),
    );
  });
});
