import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { getHeapStatistics } from 'node:v8';
import path from 'node:path';
import type { HeimoConfig } from '../../bots/app/create-heimo.ts';
import { createBenchBackends, type BenchBackends } from './lib/backends.ts';
import { raiseDiscordGlobalLimit } from './lib/discord-rest-limit.ts';
import { startPlatformThread } from './lib/platform-thread-client.ts';
import { startCpuProfile } from './lib/profiler.ts';
import { findBusyThread, machineBusy, measureCpu, type CpuScope } from './lib/system.ts';
import type { Direction, EmployeePlatformName, Endpoints, LoadRequest, LoadResult, PlatformApi } from './protocol.ts';
import { startBareRelay } from './relays/bare-relay.ts';
import { startHeimoRelay } from './relays/heimo-relay.ts';
import type { RelayUnderTest } from './relays/relay.ts';
import { formatReport, type BenchReport, type Phase } from './report.ts';

/**
 * `npm run bench`: Heimo against the platform fakes over real HTTP/WebSocket, on real PostgreSQL and
 * Redis, next to a bare relay (no queue, no database) as the floor. See test/bench/README.md.
 */

const numberFrom = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
};
const listFrom = (name: string, fallback: string): string[] => (process.env[name] || fallback).split(',').map((item) => item.trim()).filter((item) => item !== '');

const settings = {
  databaseUrl: process.env['DATABASE_URL'] || 'postgresql://postgres@127.0.0.1:5432/test',
  redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  relays: listFrom('BENCH_RELAYS', 'bare,heimo'),
  /** Employee platforms, in turn; the light phases and the ramp run on the first only. */
  legs: listFrom('BENCH_LEGS', 'slack,teams') as EmployeePlatformName[],
  conversations: numberFrom('BENCH_CONVERSATIONS', 200),
  /** The steady rate the p99 target is defined at. */
  rate: numberFrom('BENCH_RATE', 200),
  /** A light rate as well (0 = skip): the overhead where neither relay is near saturation. */
  lightRate: numberFrom('BENCH_LIGHT_RATE', 50),
  warmupMs: numberFrom('BENCH_WARMUP_MS', 3_000),
  measureMs: numberFrom('BENCH_MEASURE_MS', 10_000),
  /** Offered rates of the throughput ramp ('none' skips it); it stops at the first step that fails. */
  ramp: listFrom('BENCH_RAMP', '50,100,200,300,400,500,1000,1500,2000').map(Number).filter((rate) => rate > 0),
  rampWarmupMs: numberFrom('BENCH_RAMP_WARMUP_MS', 1_500),
  rampMeasureMs: numberFrom('BENCH_RAMP_MEASURE_MS', 6_000),
  /** A ramp step passes when deliveries keep up (>= 99 % of the send rate) and the backlog drains within this. */
  rampDrainMs: numberFrom('BENCH_RAMP_DRAIN_MS', 3_000),
  customers: 400,
  employees: 24,
  seed: 20_240_611,
  /** Client-side pacing raised because the fakes impose no limits. */
  pace: 100_000,
  discordGlobalPerSecond: 1_000_000,
  profileDir: process.env['BENCH_CPU_PROFILE_DIR'] || '',
  out: process.env['BENCH_OUT'] || path.join(os.tmpdir(), `heimo-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
};

const LEG_NAMES: Record<EmployeePlatformName, string> = { slack: 'Slack', teams: 'Teams' };
const scope: CpuScope = { platformThreadId: undefined, databaseName: '' };
const log = (line: string): boolean => process.stderr.write(`${line}\n`);

/** A step passes when deliveries keep up (>= 99 % of sends while sending) and the backlog drains in time. */
export function rampPassed(load: LoadResult): boolean {
  return load.deliverRate >= 0.99 * load.sendRate && load.drainMs >= 0 && load.drainMs <= settings.rampDrainMs && load.duplicates === 0;
}

async function runPhase(platform: PlatformApi, relay: RelayUnderTest, request: LoadRequest, kind: Phase['kind']): Promise<Phase> {
  // A backlog left by the previous phase would eat this one's CPU: let it drain first.
  const backlog = await platform.settle({ quietMs: 3_000, timeoutMs: 20_000 });
  const profiling = settings.profileDir !== '';
  const stopMain = profiling ? await startCpuProfile() : undefined;
  if (profiling) await platform.startProfile({});
  const stop = measureCpu(scope);
  const load = await platform.load(request);
  const cpu = stop();
  if (profiling) {
    const base = path.join(settings.profileDir, `${relay.name}-${request.rate}-${request.label.replace(/\W+/g, '-')}`);
    await stopMain?.(`${base}.main.cpuprofile`);
    await platform.stopProfile({ file: `${base}.platform.cpuprofile` });
  }
  log(`  ${relay.name.padEnd(5)} ${`${request.label} @${request.rate}/s`.padEnd(28)} sent ${load.sent} delivered ${load.delivered} p50 ${load.latency.p50.toFixed(1)} p99 ${load.latency.p99.toFixed(1)} ms drain ${load.drainMs.toFixed(0)} ms (backlog before: ${backlog.pending})`);
  return { relay: relay.name, kind, load, cpu, backlogBefore: backlog.pending, heapMb: getHeapStatistics().used_heap_size / 2 ** 20 };
}

const label = (leg: EmployeePlatformName, direction: Direction): string =>
  direction === 'discord-to-employee' ? `Discord -> ${LEG_NAMES[leg]}` : `${LEG_NAMES[leg]} -> Discord`;

/** Fresh fakes, the relay and its conversations; then both directions at the light and steady rates, then the ramp. */
/** What one relay did on one leg. */
interface RelayRun {
  phases: Phase[];
  problems: string[];
  /** Messages sent over all its phases, and how many never arrived (waited for up to 30 s after the last phase). */
  sent: number;
  undelivered: number;
}

async function runRelay(platform: PlatformApi, leg: EmployeePlatformName, start: (endpoints: Endpoints) => Promise<RelayUnderTest>, first: boolean): Promise<RelayRun> {
  const endpoints = await platform.start({ employee: leg, customers: settings.customers, employees: settings.employees, seed: settings.seed });
  const relay = await start(endpoints);
  const phases: Phase[] = [];
  try {
    await platform.attach({ relayUrl: relay.url });
    const setup = await platform.setup({ count: settings.conversations, timeoutMs: 90_000 });
    await relay.ready(settings.conversations, 30_000);
    log(`  ${relay.name.padEnd(5)} ${setup.conversations} conversations set up in ${(setup.ms / 1_000).toFixed(1)} s`);
    const directions: Direction[] = ['discord-to-employee', 'employee-to-discord'];
    for (const [rate, kind] of [[settings.lightRate, 'light'], [settings.rate, 'steady']] as const) {
      if (rate === 0 || (kind === 'light' && !first)) continue;
      for (const direction of directions) {
        const request = { label: label(leg, direction), direction, rate, warmupMs: settings.warmupMs, measureMs: settings.measureMs, drainTimeoutMs: 10_000 };
        phases.push(await runPhase(platform, relay, request, kind));
      }
    }
    if (first) {
      for (const rate of settings.ramp) {
        const request = { label: label(leg, 'discord-to-employee'), direction: 'discord-to-employee' as const, rate, warmupMs: settings.rampWarmupMs, measureMs: settings.rampMeasureMs, drainTimeoutMs: 10_000 };
        const step = await runPhase(platform, relay, request, 'ramp');
        phases.push(step);
        if (!rampPassed(step.load)) break;
      }
    }
    const final = await platform.account({ quietMs: 5_000, timeoutMs: 30_000 });
    log(`  ${relay.name.padEnd(5)} ${final.sent} messages sent, ${final.undelivered} never delivered (waited ${(final.waitedMs / 1_000).toFixed(0)} s)`);
    return { phases, problems: relay.problems(), sent: final.sent, undelivered: final.undelivered };
  } finally {
    await relay.stop();
    await platform.stop({});
  }
}

async function main(): Promise<void> {
  const discordDefault = raiseDiscordGlobalLimit(settings.discordGlobalPerSecond);
  const startedAt = Date.now();
  const background = await machineBusy(2_000);
  const platform = startPlatformThread();
  scope.platformThreadId = await findBusyThread(() => platform.api.burn({ ms: 400 }));
  let backends: BenchBackends | undefined;
  // Ctrl-C must not leave a database and Redis keys behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`bench: ${signal}, cleaning up`);
      void Promise.allSettled([platform.close(), backends?.dispose()]).then(() => process.exit(130));
    });
  }
  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt: new Date(startedAt).toISOString(),
    machine: { background, cores: cpus.length, cpu: cpus[0]?.model ?? 'unknown', memoryGb: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.platform()} ${os.release()}` },
    backends: { postgres: '', redis: '', database: '', redisPrefix: '' },
    settings: { ...settings, discordGlobalDefault: discordDefault },
    legs: [],
    durationS: 0,
  };
  try {
    backends = await createBenchBackends(settings.databaseUrl, settings.redisUrl);
    scope.databaseName = backends.databaseName;
    report.backends = { postgres: `PostgreSQL ${backends.versions.postgres}`, redis: `Redis ${backends.versions.redis}`, database: backends.databaseName, redisPrefix: backends.redisPrefix };
    const pace = { max: settings.pace, duration: 1_000 };
    const delivery: NonNullable<HeimoConfig['delivery']> = { pace: { discord: pace, slack: pace, teams: pace } };
    const { database, queues } = backends;
    for (const [index, leg] of settings.legs.entries()) {
      log(`leg Discord <-> ${LEG_NAMES[leg]}`);
      const none: RelayRun = { phases: [], problems: [], sent: 0, undelivered: 0 };
      const first = index === 0;
      const bare = settings.relays.includes('bare') ? await runRelay(platform.api, leg, (endpoints) => startBareRelay(endpoints), first) : none;
      const heimo = settings.relays.includes('heimo') ? await runRelay(platform.api, leg, (endpoints) => startHeimoRelay({ endpoints, database, queues, delivery }), first) : none;
      report.legs.push({
        leg: LEG_NAMES[leg],
        phases: [...bare.phases, ...heimo.phases],
        problems: { bare: bare.problems, heimo: heimo.problems },
        totals: { bare: { sent: bare.sent, undelivered: bare.undelivered }, heimo: { sent: heimo.sent, undelivered: heimo.undelivered } },
      });
    }
  } finally {
    await platform.close();
    await backends?.dispose();
  }
  report.durationS = (Date.now() - startedAt) / 1_000;
  await writeFile(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatReport(report, rampPassed)}\nJSON: ${settings.out}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
