import { afterEach, describe, expect, it } from 'vitest';
import { createSlackSide } from '../contracts/slack-side.ts';
import { eventually, settle } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

type SlackSide = Awaited<ReturnType<typeof createSlackSide>>;

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

const OUTAGE_MS = 20_000;

describe('a Slack outage', () => {
  it('should deliver the card and every later message once and in order when Slack is down for a while', async () => {
    const slack: SlackSide = await createSlackSide();
    // Four attempts, as the harness sets them, used to last 3.5 s: the outage is far longer.
    net = await startNetwork(slack, { delivery: { breaker: { baseCooldownMs: 1_000, maxCooldownMs: 4_000 } } });
    const { discord } = net;
    const bob = discord.world.users.bob;

    const t0 = Date.now();
    slack.fake.setOutage({ status: 503 });
    const question = discord.userSends({ channelId: discord.world.ids.help, content: 'Invoices show the wrong VAT', author: bob });
    const threadId = await eventually(() => (discord.world.channels.has(question.id) ? question.id : undefined), 'Discord thread opened');
    const lines = ['first: since Monday', 'second: only for EU customers', 'third: PDF and web both'];
    discord.userSends({ channelId: threadId, content: lines[0] ?? '', author: bob });
    // A retry looks for an earlier post before posting again (conversations.history): every call fails alike.
    const failedCalls = () => slack.fake.calls.filter((call) => call.status !== 200).length;
    await eventually(() => failedCalls() >= 3, 'card deliveries failing during the outage', 10_000);
    await settle(OUTAGE_MS / 2);
    slack.fake.setOutage('drop'); // the outage changes face: connections now die unanswered
    discord.userSends({ channelId: threadId, content: lines[1] ?? '', author: bob });
    discord.userSends({ channelId: threadId, content: lines[2] ?? '', author: bob });
    await settle(OUTAGE_MS / 2);
    expect(slack.cards()).toHaveLength(0);
    // The outage shows where operators look: status, metrics and the readiness details.
    const [slackStatus] = (await net.heimo.worker.status()).filter((row) => row.platform === 'slack');
    expect(slackStatus).toMatchObject({ breaker: expect.stringMatching(/^(open|half-open)$/), pending: 4, dead: 0 });
    expect(slackStatus?.oldestPendingMs).toBeGreaterThan(OUTAGE_MS - 2_000);
    const scrape = (await net.heimo.metrics.render()).body;
    expect(scrape).toContain('heimo_delivery_breaker_open{platform="slack"} 1');
    expect(scrape).toContain('heimo_delivery_pending{platform="slack"} 4');
    const readiness = await net.heimo.health();
    expect(readiness.ok).toBe(true); // Heimo still takes messages in; only their delivery waits
    expect(readiness.checks['deliveries']?.detail).toMatch(/slack: breaker (open|half-open), 4 pending/);
    const deadDuringOutage = await net.db.prisma.outboxEntry.count({ where: { status: 'dead' } });
    // The breaker paused the platform: attempts are far fewer than one per second of outage and entry.
    const attemptsDuringOutage = failedCalls();

    slack.fake.setOutage(null);
    const backAt = Date.now();
    const card = await eventually(() => slack.cards()[0], 'the card once Slack is back', 30_000);
    await eventually(() => slack.threadPosts(card.id).length >= lines.length, 'the follow-ups once Slack is back', 30_000);
    const drainedInMs = Date.now() - backAt;
    await settle(1_500);

    expect(deadDuringOutage).toBe(0);
    // The breaker's longest pause here is 4 s: the backlog waits for the next probe, not for per-entry backoff.
    expect(drainedInMs).toBeLessThan(8_000);
    expect(attemptsDuringOutage).toBeLessThan(OUTAGE_MS / 1_000);
    expect(slack.cards()).toHaveLength(1);
    expect(card.text).toContain('Invoices show the wrong VAT');
    expect(slack.threadPosts(card.id).map((post) => lines.findIndex((line) => post.text.includes(line)))).toEqual([0, 1, 2]);
    expect(await net.db.prisma.outboxEntry.count({ where: { status: { not: 'sent' } } })).toBe(0);
  }, 120_000);

  it('should make a delivery dead at once without retrying when Slack says the channel does not exist', async () => {
    const slack: SlackSide = await createSlackSide();
    net = await startNetwork(slack);
    slack.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    net.discord.userSends({ channelId: net.discord.world.ids.help, content: 'Where did the dashboard go?', author: net.discord.world.users.bob });
    await eventually(async () => (await net!.db.prisma.outboxEntry.count({ where: { status: 'dead', kind: 'card.post' } })) === 1, 'the card dead', 10_000);
    await settle(1_500);
    expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const [dead] = await net.db.prisma.outboxEntry.findMany({ where: { status: 'dead' } });
    expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringContaining('channel_not_found') });
  }, 60_000);
});
