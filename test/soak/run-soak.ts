import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeDiscord } from '../fakes/discord/index.ts';
import { createFakeSlack } from '../fakes/slack/fake-slack.ts';
import { createSoakCluster } from './cluster.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { createLedger, isGarbage } from './ledger.ts';
import { faultSchedule, withRecovery, type SoakMode } from './schedule.ts';
import { formatReport } from './soak-report.ts';
import { startPostgres, startRedis } from './services.ts';
import { startSlackRedelivery } from './slack-redelivery.ts';
import { createTraffic } from './traffic.ts';

/**
 * `npm run soak` (full: 10,000 messages) and `npm run soak -- --short` (about two minutes, every
 * fault kind): two-way traffic through Heimo processes on a private PostgreSQL and Redis while
 * platforms fail, gateways drop, processes die and Heimo is down; prints lost, duplicated,
 * reordered and garbage counts, recovery times and latency percentiles. Exits 1 on any loss.
 */

const mode: SoakMode = process.argv.includes('--short') || process.env['SOAK_MODE'] === 'short' ? 'short' : 'full';
const SLACK_CHANNEL = 'C0SOAK';
const EMPLOYEE = 'U0EMPLOYEE';
const SECRET = 'soak-signing-secret';
const log = (line: string): void => void process.stderr.write(`soak: ${line}\n`);
let seed = Number(process.env['SOAK_SEED'] ?? 20_261_203);
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function main(): Promise<number> {
  const settings = mode === 'full' ? { messages: 10_000, rate: 12, conversations: 64 } : { messages: 1_000_000, rate: 8, conversations: 16 };
  const dir = await mkdtemp(join(tmpdir(), 'heimo-soak-'));
  const ledger = createLedger();
  log(`${mode} soak: starting private PostgreSQL and Redis`);
  const postgres = await startPostgres();
  const redis = await startRedis();
  const discord = createFakeDiscord({ heartbeatIntervalMs: 5_000, onRequest: (request) => ledger.seen(JSON.stringify(request.body ?? '')) });
  await discord.start();
  const slack = await createFakeSlack({ channels: [SLACK_CHANNEL], users: [{ id: EMPLOYEE, name: 'erin', realName: 'Erin Employee' }], onRequest: (call) => ledger.seen(JSON.stringify(call.params)) });
  const slackProxy = await startFaultProxy(slack.apiUrl, random);
  const discordProxy = await startFaultProxy(discord.apiUrl, random);
  const network = join(dir, 'network.json');
  const { world } = discord;
  await writeFile(network, JSON.stringify({ communities: [{ id: 'soak', name: 'Soak Community', discordGuildId: world.guildId, routes: [{ discordChannelId: world.ids.help, destination: { platform: 'slack', channelId: SLACK_CHANNEL } }] }] }));
  const cluster = await createSoakCluster({
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    HEIMO_CONFIG: network,
    HEIMO_DATA_DIR: join(dir, 'data'),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discordProxy.url,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackProxy.url,
    SLACK_BOT_USER_ID: slack.identity.botUserId,
    SLACK_BOT_ID: slack.identity.botId,
    LOG_LEVEL: process.env['SOAK_LOG_LEVEL'] ?? 'info',
  });
  const redelivery = await startSlackRedelivery({ signingSecret: SECRET, targets: () => cluster.eventUrls(), retryDelaysMs: mode === 'full' ? [1_000, 60_000, 300_000] : [1_000, 10_000, 30_000], onRetry: (body) => ledger.redelivered(body), onAccepted: (body) => ledger.stored(body) });
  slack.setEvents(redelivery.url, SECRET);
  const traffic = createTraffic({ discord, slack, ledger, slackChannel: SLACK_CHANNEL, employee: EMPLOYEE, conversations: settings.conversations, heimoUp: () => cluster.running() > 0, random });

  const started = Date.now();
  let exitCode = 1;
  try {
    await cluster.start(0);
    let sending = true;
    const sender = (async () => {
      while (sending && ledger.sent.size < settings.messages) {
        traffic.step();
        await new Promise((resolve) => setTimeout(resolve, 1_000 / settings.rate));
      }
    })();
    const phases = await faultSchedule(mode, { cluster, postgres, redis, discord, slackProxy, discordProxy, ledger, log });
    // The full soak keeps sending until its message count is reached; the short one stops with its faults.
    if (mode === 'short') sending = false;
    await sender;
    sending = false;
    log(`traffic done: ${ledger.sent.size} messages; waiting for delivery`);
    await redelivery.settled();
    const settle = await waitForDelivery(ledger, mode === 'full' ? 600_000 : 120_000);
    const posts = traffic.posts(slack.identity.botUserId);
    const garbage = [...posts.toSlack.values(), ...posts.toDiscord.values()].flat().filter(isGarbage).length;
    const report = { mode, seconds: Math.round((Date.now() - started) / 1000), settleMs: settle, toSlack: ledger.tally('toSlack', posts.toSlack), toDiscord: ledger.tally('toDiscord', posts.toDiscord), latency: { toSlack: ledger.latency('toSlack'), toDiscord: ledger.latency('toDiscord') }, garbage, phases: withRecovery(phases, ledger), slackEvents: redelivery.counts, proxies: { slack: slackProxy.counts, discord: discordProxy.counts } };
    process.stdout.write(`${formatReport(report)}\n`);
    // A message that reached Heimo only on the platform's redelivery, or from backfill, arrives after later
    // ones by nature (Discord cannot insert into the past); any other reorder is Heimo's and fails the run.
    // The short run gates CI on loss, duplicates and garbage and reports reorders; the full run (and
    // --strict-order) fails on them too.
    const strictOrder = mode === 'full' || process.argv.includes('--strict-order');
    const heimoReordered = (counts: typeof report.toSlack): number => (strictOrder ? counts.reordered - counts.reorderedLate : 0);
    const bad = report.toSlack.lost + report.toDiscord.lost + report.toSlack.duplicated + report.toDiscord.duplicated + heimoReordered(report.toSlack) + heimoReordered(report.toDiscord) + garbage;
    exitCode = bad === 0 ? 0 : 1;
    // SOAK_LOST_FILE: where to write every message that never arrived, with its times, for a closer look.
    const lostFile = process.env['SOAK_LOST_FILE'];
    if (lostFile !== undefined && lostFile !== '') {
      const lost = [...ledger.sent.values()].filter((message) => message.firstSeenAt === undefined);
      const reorders = [...report.toSlack.reorders, ...report.toDiscord.reorders].map((reorder) => ({ ...reorder, message: ledger.sent.get(reorder.marker), laterMessage: ledger.sent.get(reorder.after) }));
      await writeFile(lostFile, JSON.stringify({ started, phases: report.phases, lost, reorders }, null, 1));
    }
    if (exitCode !== 0) log(`process logs (last lines):\n${[0, 1, 2].map((index) => cluster.tail(index)).join('\n---\n').slice(-6_000)}`);
  } finally {
    await cluster.close();
    await redelivery.close();
    await Promise.all([slackProxy.close(), discordProxy.close()]);
    await slack.close();
    await discord.close();
    await Promise.all([postgres.close(), redis.close()]);
    await rm(dir, { recursive: true, force: true });
  }
  return exitCode;
}

/** Waits until every message was seen on the other side, or no progress for a while; returns how long it took. */
async function waitForDelivery(ledger: ReturnType<typeof createLedger>, limitMs: number): Promise<number> {
  const start = Date.now();
  let lastMissing = Number.POSITIVE_INFINITY;
  let lastProgress = Date.now();
  while (Date.now() - start < limitMs) {
    const missing = [...ledger.sent.values()].filter((message) => message.firstSeenAt === undefined).length;
    if (missing === 0) break;
    if (missing < lastMissing) {
      lastMissing = missing;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > Math.min(90_000, limitMs / 2)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // Duplicates and order are read from the final state: give in-flight retries a moment to land.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return Date.now() - start;
}

process.exitCode = await main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 2;
});
