import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendSignedRequest, sendSlackEvent } from '../../fakes/slack/sign.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const reply = (ts: string, text = 'hi') => ({ type: 'message', channel: CHANNEL, user: 'U0ALICE', text, ts, thread_ts: '1700000000.000001' });
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

beforeAll(() => {
  // A throw inside Bolt's receiver surfaces as one of these; the process would exit.
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});
afterAll(() => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

describe('slack events endpoint with hostile input', () => {
  let h: SlackHarness;
  afterEach(async () => {
    crashes.length = 0;
    await h.close();
  });

  it.each([['null'], ['[]'], ['"text"'], ['42'], ['true'], ['{"type":"event_callback","event":null}'], ['{"type":"event_callback","event":"x"}']])(
    'should answer 400 and keep serving when a correctly signed body is %s',
    async (body) => {
      h = await startSlackHarness();
      const result = await sendSignedRequest(h.eventsUrl, body, 'application/json', SIGNING_SECRET);
      expect(result.status).toBe(400);
      await sendSlackEvent(h.eventsUrl, reply('1700000010.000001'), SIGNING_SECRET);
      await waitFor(() => h.events.length === 1, 'valid event after the hostile body');
      expect(crashes).toEqual([]);
      expect(h.logs.some((line) => line.msg === 'malformed slack request refused')).toBe(true);
    },
  );

  it.each([['an hour in the future', 3_600], ['six minutes in the future', 360], ['an hour in the past', -3_600]])(
    'should answer 401 when the signed request is timestamped %s',
    async (_name, offsetSeconds) => {
      h = await startSlackHarness();
      const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
      const result = await sendSlackEvent(h.eventsUrl, reply('1700000011.000001'), SIGNING_SECRET, { timestamp });
      expect(result.status).toBe(401);
      await sendSlackEvent(h.eventsUrl, reply('1700000012.000001'), SIGNING_SECRET, { timestamp: Math.floor(Date.now() / 1000) + 60 });
      await waitFor(() => h.events.length === 1, 'valid event');
      expect(h.events.map((event) => event.type === 'message.posted' && event.messageId)).toEqual(['1700000012.000001']);
    },
  );

  it('should answer 413 and keep serving when a signed body is larger than Slack ever sends', async () => {
    h = await startSlackHarness();
    const result = await sendSlackEvent(h.eventsUrl, reply('1700000013.000001', 'x'.repeat(5 * 1024 * 1024)), SIGNING_SECRET);
    expect(result.status).toBe(413);
    await sendSlackEvent(h.eventsUrl, reply('1700000014.000001'), SIGNING_SECRET);
    await waitFor(() => h.events.length === 1, 'valid event');
  });
});

describe('slack socket mode with hostile input', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ socketMode: true, ackTimeoutMs: 1_000 });
  });
  afterAll(async () => h.close());

  it.each([[null], [[]], ['text'], [42], [{ type: 'event_callback', event: null }]])('should acknowledge, skip and keep the socket when an envelope carries %j', async (payload) => {
    const result = await h.fake.sendRawEnvelope(payload);
    expect(result.status).toBe(200);
    const before = h.events.length;
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'still here', threadTs: '1700000000.000001' });
    await waitFor(() => h.events.length === before + 1, 'valid event over the socket');
    expect(crashes).toEqual([]);
    expect(h.bot.health().ok).toBe(true);
  });
});
