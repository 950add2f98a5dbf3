import { afterEach, describe, expect, it } from 'vitest';
import { sendInteraction, sendSignedRequest, sendSlackEvent } from '../../fakes/slack/sign.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const reply = (ts: string) => ({ type: 'message', channel: CHANNEL, user: 'U0ALICE', text: 'hi', ts, thread_ts: '1700000000.000001' });

describe('slack events endpoint', () => {
  let h: SlackHarness;
  afterEach(async () => h.close());

  it('should answer 401 and hand nothing to the core when the signature is wrong', async () => {
    h = await startSlackHarness();
    const result = await sendSlackEvent(h.eventsUrl, reply('1700000001.000001'), SIGNING_SECRET, { badSignature: true });
    expect(result.status).toBe(401);
    // A valid event afterwards proves the forged one was dropped, not merely slow.
    await sendSlackEvent(h.eventsUrl, reply('1700000002.000001'), SIGNING_SECRET);
    await waitFor(() => h.events.length === 1, 'valid event');
    expect(h.events.map((event) => event.type === 'message.posted' && event.messageId)).toEqual(['1700000002.000001']);
  });

  it('should answer 401 when the request timestamp is over five minutes old', async () => {
    h = await startSlackHarness();
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await sendSlackEvent(h.eventsUrl, reply('1700000003.000001'), SIGNING_SECRET, { timestamp: stale });
    expect(result.status).toBe(401);
    await sendSlackEvent(h.eventsUrl, reply('1700000004.000001'), SIGNING_SECRET);
    await waitFor(() => h.events.length === 1, 'valid event');
    expect(h.events.map((event) => event.type === 'message.posted' && event.messageId)).toEqual(['1700000004.000001']);
  });

  it('should answer 401 when the signature headers are missing', async () => {
    h = await startSlackHarness();
    const response = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'event_callback', event: reply('1.1') }) });
    expect(response.status).toBe(401);
  });

  it('should log an error, acknowledge and keep serving when a signed payload has wrong field types', async () => {
    h = await startSlackHarness();
    const result = await sendSlackEvent(h.eventsUrl, { type: 'message', channel: CHANNEL, user: 42, ts: '1700000005.000001', thread_ts: '1700000000.000001', text: 'x' }, SIGNING_SECRET);
    expect(result.status).toBe(200);
    const line = await waitForLog(h, 'malformed slack message event dropped');
    expect(line).toMatchObject({ level: 'error', reason: 'user is missing or not a string' });
    const noChannel = await sendSlackEvent(h.eventsUrl, { type: 'message', user: 'U0ALICE', ts: '1700000005.000002' }, SIGNING_SECRET);
    expect(noChannel.status).toBe(200);
    await waitForLog(h, 'malformed slack message event dropped', { reason: 'channel is missing or not a string' });
    // This one breaks inside Bolt before any listener runs; it must still be acknowledged, not 500.
    const boltChokes = await sendSlackEvent(h.eventsUrl, { type: 'message', channel: 7, ts: 1 }, SIGNING_SECRET);
    expect(boltChokes.status).toBe(200);
    await waitForLog(h, 'slack event could not be processed; acknowledged without handling');
    await sendSlackEvent(h.eventsUrl, reply('1700000006.000001'), SIGNING_SECRET);
    await waitFor(() => h.events.length === 1, 'valid event after malformed ones');
  });

  it('should answer 400 and keep serving when a signed body is not JSON', async () => {
    h = await startSlackHarness();
    const result = await sendSignedRequest(h.eventsUrl, '{"type": "event_callback", ', 'application/json', SIGNING_SECRET);
    expect(result.status).toBe(400);
    await sendSlackEvent(h.eventsUrl, reply('1700000007.000001'), SIGNING_SECRET);
    await waitFor(() => h.events.length === 1, 'valid event');
  });

  it('should answer the url_verification challenge when Slack checks the endpoint', async () => {
    h = await startSlackHarness();
    const result = await sendSlackEvent(h.eventsUrl, { type: 'url_verification', challenge: 'chal-123', token: 'x' }, SIGNING_SECRET);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: 'chal-123' });
  });

  it('should acknowledge the card button interaction when an employee clicks Open in Discord', async () => {
    h = await startSlackHarness();
    const started = Date.now();
    const result = await sendInteraction(h.eventsUrl, {
      type: 'block_actions',
      team: { id: 'T0FAKE' },
      user: { id: 'U0ALICE' },
      api_app_id: 'A0HEIMO',
      channel: { id: CHANNEL },
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: CHANNEL },
      trigger_id: 'trig-1',
      actions: [{ type: 'button', action_id: 'heimo_open_discord', block_id: 'b1', action_ts: '1700000010.000001', url: 'https://discord.com/channels/1/2/3' }],
    }, SIGNING_SECRET);
    expect(result.status).toBe(200);
    // Unacknowledged requests are answered by Bolt's 3 s timeout; an ack comes back at once.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('should answer 503 when the bot has not started', async () => {
    h = await startSlackHarness({ start: false });
    expect(h.bot.health()).toEqual({ ok: false, detail: 'not started' });
    const result = await sendSlackEvent(h.eventsUrl, reply('1700000008.000001'), SIGNING_SECRET);
    expect(result.status).toBe(503);
  });

  it('should pass other methods on to the server when they are not a Slack POST', async () => {
    h = await startSlackHarness();
    const response = await fetch(h.eventsUrl, { method: 'GET' });
    expect(response.status).toBe(404);
  });
});
