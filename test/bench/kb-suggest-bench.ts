import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHeimo, type Heimo } from '../../bots/app/create-heimo.ts';
import { DEFAULT_KNOWLEDGE, defineCommunity, type NetworkConfig } from '../../core/domain/network.ts';
import type { ImportRow } from '../../core/knowledge/index.ts';
import { createLogger } from '../../core/logger.ts';
import { createFakeDiscord } from '../fakes/discord/index.ts';
import { createFakeSlack } from '../fakes/slack/fake-slack.ts';
import { createTestDatabase } from '../support/database.ts';
import { createTestQueues } from '../support/queue.ts';
import { raiseDiscordGlobalLimit } from './lib/discord-rest-limit.ts';
import { ms, summarize, table, type LatencySummary } from './lib/stats.ts';

// `npm run bench:kb-suggest`: how long a new question waits for its suggestions, on the real Heimo
// (createHeimo: discord.js, Bolt, the job system, the delivery worker) against the Discord and Slack
// fakes, on the embedded defaults (PGlite, the PostgreSQL queue backend) or, with DATABASE_URL and
// REDIS_URL, on PostgreSQL and Redis. A question's latency runs from the fake Discord sending its
// MESSAGE_CREATE until the fake has read Heimo's suggestions post (POST .../messages with the
// "This solved it" buttons). Beside it, the same questions' round-robin DM to the assignee, which
// Heimo writes from a `question.routed` listener: the path suggestions would take as a listener.
//
// Settings (environment): BENCH_KB_ARTICLES published articles (default 5,000), BENCH_KB_QUESTIONS
// questions (default 150), BENCH_KB_RATE questions per second, open loop (default 3), BENCH_KB_MAX
// suggestions per question (default 3; 0 for a baseline without suggestions).

const ARTICLES = Number(process.env['BENCH_KB_ARTICLES'] ?? 5_000);
const QUESTIONS = Number(process.env['BENCH_KB_QUESTIONS'] ?? 150);
const RATE = Number(process.env['BENCH_KB_RATE'] ?? 3);
// 0 turns suggestions off: the same run's other figures are then the baseline without them.
const MAX_SUGGESTIONS = Number(process.env['BENCH_KB_MAX'] ?? 3);
const CHANNEL = 'C0SUPPORT';
const STAFF = { id: 'U0STAFF', name: 'staff', displayName: 'Staff Sami' };
const SECRET = 'bench-signing-secret';

// A support corpus of real shapes: product, what went wrong, when; titles 4-8 words, questions a sentence or two.
const PRODUCTS = ['printer', 'router', 'invoice', 'password', 'mobile app', 'desktop client', 'api token', 'webhook', 'calendar sync', 'export', 'import', 'dashboard', 'report', 'billing page', 'sso login', 'license key', 'backup', 'plugin', 'search', 'notification', 'camera', 'scanner', 'firmware', 'driver', 'cloud storage', 'team workspace', 'admin console', 'audit log', 'csv upload', 'pdf viewer'];
const PROBLEMS = ['crashes on startup', 'shows a blank screen', 'times out', 'rejects my credentials', 'duplicates every entry', 'loses my settings', 'is very slow', 'shows the wrong currency', 'cannot connect', 'fails with error 500', 'stops syncing', 'sends no email', 'freezes after the update', 'ignores the language setting', 'shows an expired certificate', 'uses too much memory', 'drops the attachments', 'logs me out', 'does not open links', 'prints empty pages'];
const WHEN = ['after the update', 'on Windows 11', 'on macOS', 'since yesterday', 'on the company network', 'behind a proxy', 'in the browser', 'on Android', 'on iOS', 'for new users', 'with two factor enabled', 'in dark mode'];
const FILLER = ['hello', 'please help', 'thanks in advance', 'any idea', 'this is urgent', 'I tried restarting', 'it worked last week'];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

function corpus(count: number): ImportRow[] {
  const rows: ImportRow[] = [];
  for (let n = 0; n < count; n += 1) {
    const product = pick(PRODUCTS, n);
    const problem = pick(PROBLEMS, Math.floor(n / PRODUCTS.length));
    const when = pick(WHEN, Math.floor(n / (PRODUCTS.length * PROBLEMS.length)));
    const variant = Math.floor(n / (PRODUCTS.length * PROBLEMS.length * WHEN.length));
    rows.push({
      id: `bench-${n}`,
      title: `The ${product} ${problem} ${when}${variant === 0 ? '' : ` (case ${variant})`}`,
      body: `Our ${product} ${problem} ${when}. We checked the settings and the status page; nothing helps.`,
      answer: `Open the ${product} settings, clear the cache, then sign in again. If it still ${problem}, install the latest version and restart.`,
    });
  }
  return rows;
}

// A question in other words: the article's product and problem with the asker's own filler.
function questionFor(n: number, articles: number): { text: string; related: boolean } {
  if (n % 10 === 9) return { text: `Question ${n}: where do I change my avatar colour in the community profile?`, related: false };
  const article = (n * 7919) % Math.max(1, Math.min(articles, PRODUCTS.length * PROBLEMS.length * WHEN.length));
  const product = pick(PRODUCTS, article);
  const problem = pick(PROBLEMS, Math.floor(article / PRODUCTS.length));
  const when = pick(WHEN, Math.floor(article / (PRODUCTS.length * PROBLEMS.length)));
  return { text: `${pick(FILLER, n)}, question ${n}: my ${product} ${problem} ${when}`, related: true };
}

const sleep = (durationMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, durationMs));

async function main(): Promise<void> {
  raiseDiscordGlobalLimit(10_000);
  const sentAt = new Map<string, number>();
  const suggestedAt = new Map<string, number>();
  const threadOpenedAt = new Map<string, number>();
  const dmAt = new Map<string, number>();
  const discord = createFakeDiscord({
    heartbeatIntervalMs: 5_000,
    // As in the relay benchmark: the fake's rate-limit headers must not pace discord.js (real Discord would).
    rateLimit: { limit: 1_000_000, windowSeconds: 1 },
    onRequest: ({ method, path, body }) => {
      const now = performance.now();
      // Paths as the fake reads them, without /api/v10: a post in a thread, or a thread started on a message.
      const thread = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1] ?? /^\/channels\/\d+\/messages\/(\d+)\/threads$/.exec(path)?.[1];
      if (method !== 'POST' || thread === undefined) return;
      if (path.endsWith('/threads')) threadOpenedAt.set(thread, now);
      else if (JSON.stringify(body ?? '').includes('heimo:kb-accept')) suggestedAt.set(thread, now);
    },
  });
  await discord.start();
  const slack = await createFakeSlack({
    users: [STAFF],
    channels: [CHANNEL],
    onRequest: ({ method, params }) => {
      if (method !== 'chat.postMessage' || !String(params['channel'] ?? '').startsWith('D')) return;
      const match = /question (\d+)/.exec(String(params['text'] ?? ''));
      if (match?.[1] !== undefined) dmAt.set(match[1], performance.now());
    },
  });
  const db = await createTestDatabase();
  const queues = await createTestQueues(db);
  const dataDir = await mkdtemp(join(tmpdir(), 'heimo-kb-bench-'));
  const world = discord.world;
  const network: NetworkConfig = {
    internalMarkers: ['//'],
    communities: [
      defineCommunity({
        id: 'acme',
        name: 'Acme',
        discordGuildId: world.guildId,
        routes: [{ discordChannelId: world.ids.help, destination: { platform: 'slack', channelId: CHANNEL } }],
        teams: [{ id: 'support', name: 'Support', capacity: 1_000_000, destination: { platform: 'slack', channelId: CHANNEL } }],
        fallbackTeam: 'support',
        knowledge: { ...DEFAULT_KNOWLEDGE, suggestThreshold: 0.3, maxSuggestions: MAX_SUGGESTIONS },
      }),
    ],
  };
  let heimo: Heimo | undefined;
  try {
    heimo = await createHeimo({
      env: { PORT: '0', HOST: '127.0.0.1', HEIMO_DATA_DIR: dataDir, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: SECRET },
      network,
      logger: createLogger({ level: 'error' }),
      database: db,
      queues,
      delivery: { pace: { discord: { max: 100_000, duration: 1_000 }, slack: { max: 100_000, duration: 1_000 } } },
    });
    slack.setEvents(`${heimo.url}/slack/events`, SECRET);
    const { knowledge, owners } = heimo.capabilities;
    const importStarted = performance.now();
    const report = await knowledge.import(corpus(ARTICLES), { communityId: 'acme', actor: { kind: 'heimo' } });
    const importMs = performance.now() - importStarted;
    await knowledge.refresh();
    await owners.onDuty({ platform: 'slack', userId: STAFF.id, displayName: STAFF.displayName }, { communityId: 'acme', teamId: 'support' }, 'on');
    // Warm-up: the first questions pay for lazy connections and prepared statements.
    for (let n = 0; n < 5; n += 1) discord.userSends({ channelId: world.ids.help, content: `warm-up ${n}: my printer crashes on startup after the update`, author: world.users.bob });
    await sleep(3_000);
    suggestedAt.clear();
    threadOpenedAt.clear();
    dmAt.clear();
    const searchesBefore = heimo.capabilities.searchLatency.summary()?.count ?? 0;

    const related = new Map<string, string>(); // thread id -> question number
    const unrelated = new Set<string>();
    const started = performance.now();
    for (let n = 0; n < QUESTIONS; n += 1) {
      const due = started + (n * 1_000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const question = questionFor(n, report.created + report.updated);
      const at = performance.now();
      const message = discord.userSends({ channelId: world.ids.help, content: question.text, author: n % 2 === 0 ? world.users.bob : world.users.carol });
      sentAt.set(message.id, at);
      if (question.related) related.set(message.id, String(n));
      else unrelated.add(message.id);
    }
    const deadline = performance.now() + 30_000;
    const waiting = (): boolean => (MAX_SUGGESTIONS > 0 && [...related.keys()].some((id) => !suggestedAt.has(id))) || [...related.values()].some((n) => !dmAt.has(n)) || [...sentAt.keys()].some((id) => !threadOpenedAt.has(id));
    while (performance.now() < deadline && waiting()) await sleep(100);
    await sleep(1_000); // suggestions an unrelated question should not get have had time to arrive

    const latencies = (arrived: Map<string, number>, ids: Iterable<string>, key: (id: string) => string = (id) => id): number[] =>
      [...ids].flatMap((id) => {
        const end = arrived.get(key(id));
        const start = sentAt.get(id);
        return end === undefined || start === undefined ? [] : [end - start];
      });
    const suggestions = summarize(latencies(suggestedAt, related.keys()));
    const threads = summarize(latencies(threadOpenedAt, sentAt.keys()));
    const dms = summarize(latencies(dmAt, related.keys(), (id) => related.get(id) ?? ''));
    const search = heimo.capabilities.searchLatency.summary();
    const row = (name: string, summary: LatencySummary, p95: number): string[] => [name, String(summary.count), ms(summary.p50), ms(p95), ms(summary.p99), ms(summary.max)];
    const p95 = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
    };
    console.log(`kb-suggest benchmark: ${db.url === null ? 'PGlite + PostgreSQL queue backend (embedded defaults)' : `PostgreSQL + ${queues.kind === 'redis' ? 'Redis' : 'PostgreSQL queue backend'}`}`);
    console.log(`${report.created} articles imported in ${ms(importMs)} ms; ${QUESTIONS} questions at ${RATE}/s (${related.size} like an article, ${unrelated.size} unlike any)`);
    console.log(table([
      ['arrival -> ...', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      row('suggestions posted (in the question transaction)', suggestions, p95(latencies(suggestedAt, related.keys()))),
      row('thread opened (first Discord delivery)', threads, p95(latencies(threadOpenedAt, sentAt.keys()))),
      row('assignee DM (question.routed listener path)', dms, p95(latencies(dmAt, related.keys(), (id) => related.get(id) ?? ''))),
    ]));
    if (search !== null) console.log(`search (in series before the question's transaction): ${search.count - searchesBefore} searches, p50 ${ms(search.p50Ms)} ms, p95 ${ms(search.p95Ms)} ms, p99 ${ms(search.p99Ms)} ms`);
    console.log(`related questions without suggestions: ${[...related.keys()].filter((id) => !suggestedAt.has(id)).length}; unrelated questions with suggestions: ${[...unrelated].filter((id) => suggestedAt.has(id)).length}`);
    const delivered = latencies(suggestedAt, related.keys());
    const verdict = delivered.length === related.size && p95(delivered) <= 300 ? 'PASS' : 'FAIL';
    if (MAX_SUGGESTIONS > 0) console.log(`target: suggestions within 300 ms p95 of arrival: ${verdict}`);
  } finally {
    await heimo?.stop();
    await slack.close();
    await discord.close();
    await queues.close();
    await db.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
