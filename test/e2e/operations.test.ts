import { defineCommunity } from '../../core/domain/network.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../bots/app/http-server.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { malformedDispatches } from '../fakes/discord/malformed-dispatches.ts';
import { sendSlackEvent } from '../fakes/slack/sign.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

// Heimo between the Discord and Slack stand-ins, with an admin token and a separate metrics listener.
const ADMIN_TOKEN = 'operations-test-admin-token';
const SLACK_BOT_USER = 'U0HEIMO'; // the Slack stand-in's bot user id (auth.test)

type Side = Awaited<ReturnType<typeof createSlackSide>>;

const get = async (url: string, token?: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
};
const report = async (url: string, token?: string): Promise<{ status: number; body: HealthReport; text: string }> => {
  const { status, text } = await get(url, token);
  return { status, text, body: JSON.parse(text) as HealthReport };
};
// The value of one series in the exposition text (undefined when absent).
const sample = (body: string, series: string): number | undefined => {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('operations endpoints', () => {
  let net: Network;
  let side: Side;
  const metricsUrl = (): string => `http://127.0.0.1:${String(net.heimo.metricsPort)}`;
  const scrape = async (): Promise<string> => (await get(`${metricsUrl()}/metrics`)).text;

  beforeAll(async () => {
    side = await createSlackSide();
    net = await startNetwork(side, { env: { HEIMO_ADMIN_TOKEN: ADMIN_TOKEN, METRICS_PORT: '0' } });
    await eventually(async () => (await get(`${net.heimo.url}/readyz`)).status === 200, 'ready');
  }, 60_000);
  afterAll(async () => {
    await net.close();
  });

  it('should answer /livez while the process runs', async () => {
    expect(await get(`${net.heimo.url}/livez`)).toEqual({ status: 200, text: JSON.stringify({ ok: true }) });
  });

  it('should show anonymous callers only names and ok when /readyz and /healthz are asked', async () => {
    for (const path of ['/readyz', '/healthz']) {
      const { status, body, text } = await report(`${net.heimo.url}${path}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        ok: true,
        checks: { migrations: { ok: true, detail: 'ok' }, queue: { ok: true, detail: 'ok' }, discord: { ok: true, detail: 'connected' }, slack: { ok: true, detail: 'connected' }, deliveries: { ok: true, detail: 'ok' } },
        unconfigured: ['teams'],
      });
      expect(text).not.toContain(SLACK_BOT_USER);
      expect(text).not.toContain(net.discord.world.botUser.id);
      expect(text).not.toContain('connected as');
    }
    // A wrong token is an anonymous caller.
    expect((await report(`${net.heimo.url}/readyz`, `${ADMIN_TOKEN}-wrong`)).text).not.toContain(SLACK_BOT_USER);
  });

  it('should show details when the admin token is presented or the metrics listener is asked', async () => {
    const withToken = await report(`${net.heimo.url}/readyz`, ADMIN_TOKEN);
    expect(withToken.body.checks['slack']?.detail).toContain(`connected as ${SLACK_BOT_USER}`);
    expect(withToken.body.checks['queue']?.detail).toMatch(/^(redis|postgres) connected$/);
    const onMetricsPort = await report(`${metricsUrl()}/readyz`);
    expect(onMetricsPort.status).toBe(200);
    expect(onMetricsPort.body.checks['slack']?.detail).toContain(`connected as ${SLACK_BOT_USER}`);
    expect((await get(`${metricsUrl()}/livez`)).status).toBe(200);
  });

  it('should serve /metrics only on METRICS_PORT when it is set', async () => {
    expect((await get(`${net.heimo.url}/metrics`, ADMIN_TOKEN)).status).toBe(404);
    const body = await scrape();
    expect(body).toContain('# TYPE heimo_messages_relayed_total counter');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('should count relayed messages, attempts and latency when a question and an answer travel', async () => {
    const before = await scrape();
    const { threadId, cardId } = await net.ask('How do I reset my password?');
    await side.reply(cardId, 'From the settings page.');
    await eventually(() => net.relayedToDiscord(threadId).length === 1, 'answer relayed to Discord');
    const after = await eventually(async () => {
      const body = await scrape();
      return (sample(body, 'heimo_delivery_latency_seconds_count{platform="discord",kind="message.post"}') ?? 0) > (sample(before, 'heimo_delivery_latency_seconds_count{platform="discord",kind="message.post"}') ?? 0) ? body : undefined;
    }, 'delivery counted');
    const grew = (series: string): number => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(grew('heimo_messages_relayed_total{direction="to_employees",platform="slack"}')).toBe(1);
    expect(grew('heimo_messages_relayed_total{direction="to_customers",platform="slack"}')).toBe(1);
    expect(grew('heimo_delivery_attempts_total{platform="slack",kind="card.post"}')).toBe(1);
    expect(grew('heimo_delivery_attempts_total{platform="discord",kind="thread.open"}')).toBe(1);
    expect(grew('heimo_delivery_latency_seconds_count{platform="slack",kind="card.post"}')).toBe(1);
    expect(sample(after, 'heimo_delivery_latency_seconds_bucket{le="+Inf",platform="discord",kind="message.post"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'heimo_queue_depth{platform="slack"}')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'heimo_queue_depth{platform="discord"}')).toBeGreaterThanOrEqual(0);
  });

  it('should count 429s and retries when the platform refuses a post for a while', async () => {
    side.failNextPost(429);
    await net.ask('Rate limited question?');
    side.failNextPost(500);
    await net.ask('Failing question?');
    const body = await scrape();
    expect(sample(body, 'heimo_rate_limited_total{platform="slack"}')).toBe(1);
    expect(sample(body, 'heimo_delivery_retries_total{platform="slack",kind="card.post"}')).toBe(1);
  });

  it('should count a dead letter when the platform refuses a delivery for good', async () => {
    side.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    net.discord.userSends({ channelId: net.discord.world.ids.help, content: 'Where did the channel go?', author: net.discord.world.users.carol });
    await eventually(async () => sample(await scrape(), 'heimo_dead_letters_total{platform="slack",kind="card.post"}') === 1, 'dead letter counted');
  });

  it('should count a refused inbound event by reason when its signature is bad', async () => {
    const result = await sendSlackEvent(`${net.heimo.url}/slack/events`, { type: 'message', channel: 'C0SUPPORT', user: 'U0ALICE', text: 'forged', ts: '1.000001' }, 'contract-signing-secret', { badSignature: true });
    expect(result.status).toBe(401);
    await eventually(async () => sample(await scrape(), 'heimo_inbound_rejected_total{platform="slack",reason="unauthorized"}') === 1, 'rejection counted');
  });

  it('should count a malformed gateway dispatch by reason when Discord sends one discord.js cannot read', async () => {
    const [poll] = malformedDispatches(net.discord.world);
    if (poll === undefined) throw new Error('no malformed dispatch to send');
    net.discord.dispatchRaw(poll.t, poll.d);
    await eventually(async () => (await scrape()).split('\n').some((line) => line.startsWith('heimo_inbound_rejected_total{platform="discord",reason="MESSAGE_CREATE ')), 'gateway refusal counted');
  });

  it('should answer 503 naming the platform when the network routes to one that is not configured', async () => {
    const routed = { discordChannelId: '299999999999999999', destination: { platform: 'teams' as const, teamId: '19:team@thread.tacv2', channelId: '19:support@thread.tacv2' } };
    await net.restart({
      network: {
        internalMarkers: ['//'],
        communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: net.discord.world.guildId, routes: [{ discordChannelId: net.discord.world.ids.help, destination: side.destination }, routed] })],
      },
    });
    const open = await report(`${net.heimo.url}/readyz`);
    expect(open.status).toBe(503);
    expect(open.body.ok).toBe(false);
    expect(open.body.checks['teams']).toEqual({ ok: false, detail: 'not configured, but the network file routes through it' });
    expect(open.body.checks['slack']).toEqual({ ok: true, detail: 'connected' });
    expect(open.text).not.toContain('MICROSOFT_APP_ID');
    const detailed = await report(`${net.heimo.url}/readyz`, ADMIN_TOKEN);
    expect(detailed.status).toBe(503);
    expect(detailed.body.checks['teams']?.detail).toContain('MICROSOFT_APP_ID');
    expect(detailed.body.checks['teams']?.detail).toContain('299999999999999999 -> teams');
  });

  it('should keep /metrics behind the admin token on the main port when no METRICS_PORT is set', async () => {
    const env = { ...net.env };
    delete env['METRICS_PORT'];
    await net.restart({ env });
    expect(net.heimo.metricsPort).toBeNull();
    expect((await get(`${net.heimo.url}/metrics`)).status).toBe(401);
    const scraped = await get(`${net.heimo.url}/metrics`, ADMIN_TOKEN);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('# TYPE heimo_delivery_latency_seconds histogram');
  });
});
