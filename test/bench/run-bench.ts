import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HeimoConfig } from '../../bots/app/create-heimo.ts';
import { createBenchBackends, type BenchBackends } from './lib/backends.ts';
import { raiseDiscordGlobalLimit } from './lib/discord-rest-limit.ts';
import { startPlatformThread } from './lib/platform-thread-client.ts';
import { measureCpu, type CpuUse } from './lib/system.ts';
import type { Direction, EmployeePlatformName, LoadRequest, LoadResult, PlatformApi } from './protocol.ts';
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
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const settings = {
  databaseUrl: process.env['DATABASE_URL'] || 'postgresql://postgres@127.0.0.1:5432/test',
  redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  relays: (process.env['BENCH_RELAYS'] || 'bare,heimo').split(',').map((relay) => relay.trim()),
  legs: (process.env['BENCH_LEGS'] || 'slack').split(',').map((leg) => leg.trim()) as EmployeePlatformName[],
  conversations: numberFrom('BENCH_CONVERSATIONS', 200),
  rate: numberFrom('BENCH_RATE', 200),
  warmupMs: numberFrom('BENCH_WARMUP_MS', 3_000),
  measureMs: numberFrom('BENCH_MEASURE_MS', 12_000),
  ramp: (process.env['BENCH_RAMP'] || '500,1000,1500,2000,2500').split(',').map(Number).filter((rate) => rate > 0), // 'none' skips it
  rampWarmupMs: numberFrom('BENCH_RAMP_WARMUP_MS', 2_000),
  rampMeasureMs: numberFrom('BENCH_RAMP_MEASURE_MS', 8_000),
  /** A ramp step passes when deliveries keep up (>= 99 % of the send rate) and the backlog drains within this. */
  rampDrainMs: numberFrom('BENCH_RAMP_DRAIN_MS', 3_000),
  customers: 400,
  employees: 24,
  seed: 20_240_611,
  /** Client-side pacing raised because the fakes impose no limits. */
  pace: 100_000,
  discordGlobalPerSecond: 1_000_000,
  out: process.env['BENCH_OUT'] || path.join(os.tmpdir(), `heimo-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
};

const LEG_NAMES: Record<EmployeePlatformName, string> = { slack: 'Slack', teams: 'Teams' };

async function runPhase(platform: PlatformApi, relay: RelayUnderTest, request: LoadRequest): Promise<Phase> {
  const stop = measureCpu();
  const load: LoadResult = await platform.load(request);
  const cpu: CpuUse = stop();
  const phase = { relay: relay.name, load, cpu };
  process.stderr.write(`  ${relay.name.padEnd(5)} ${request.label.padEnd(28)} sent ${load.sent} delivered ${load.delivered} p50 ${load.latency.p50.toFixed(2)} p99 ${load.latency.p99.toFixed(2)} ms drain ${load.drainMs.toFixed(0)} ms\n`);
  return phase;
}

const latencyRequest = (leg: EmployeePlatformName, direction: Direction): LoadRequest => ({
  label: direction === 'discord-to-employee' ? `Discord -> ${LEG_NAMES[leg]}` : `${LEG_NAMES[leg]} -> Discord`,
  direction,
  rate: settings.rate,
  warmupMs: settings.warmupMs,
  measureMs: settings.measureMs,
  drainTimeoutMs: 10_000,
});

/** Fresh fakes, the relay, its conversations; then both directions at the steady rate. */
async function latencyLeg(platform: PlatformApi, leg: EmployeePlatformName, start: (endpoints: Awaited<ReturnType<PlatformApi['start']>>) => Promise<RelayUnderTest>, ramp: boolean): Promise<{ phases: Phase[]; problems: string[] }> {
  const endpoints = await platform.start({ employee: leg, customers: settings.customers, employees: settings.employees, seed: settings.seed });
  const relay = await start(endpoints);
  const phases: Phase[] = [];
  try {
    await platform.attach({ relayUrl: relay.url });
    const setup = await platform.setup({ count: settings.conversations, timeoutMs: 60_000 });
    await relay.ready(settings.conversations, 30_000);
    process.stderr.write(`  ${relay.name.padEnd(5)} ${setup.conversations} conversations set up in ${(setup.ms / 1_000).toFixed(1)} s\n`);
    phases.push(await runPhase(platform, relay, latencyRequest(leg, 'discord-to-employee')));
    phases.push(await runPhase(platform, relay, latencyRequest(leg, 'employee-to-discord')));
    if (ramp) {
      for (const rate of settings.ramp) {
        const step = await runPhase(platform, relay, {
          label: `ramp ${rate}/s Discord -> ${LEG_NAMES[leg]}`,
          direction: 'discord-to-employee',
          rate,
          warmupMs: settings.rampWarmupMs,
          measureMs: settings.rampMeasureMs,
          drainTimeoutMs: 12_000,
        });
        phases.push({ ...step, ramp: true });
        if (!rampPassed(step.load)) break;
      }
    }
    return { phases, problems: relay.problems() };
  } finally {
    await relay.stop();
    await platform.stop({});
  }
}

/** Keeps up (deliveries >= 99 % of sends while sending) and drains within the allowed time. */
export function rampPassed(load: LoadResult): boolean {
  return load.deliverRate >= 0.99 * load.sendRate && load.drainMs >= 0 && load.drainMs <= settings.rampDrainMs && load.duplicates === 0;
}

async function main(): Promise<void> {
  const discordDefault = raiseDiscordGlobalLimit(settings.discordGlobalPerSecond);
  const startedAt = Date.now();
  const platform = startPlatformThread();
  let backends: BenchBackends | undefined;
  const report: BenchReport = {
    startedAt: new Date(startedAt).toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.platform()} ${os.release()}` },
    backends: { postgres: '', redis: '', database: '', redisPrefix: '' },
    settings: { ...settings, discordGlobalDefault: discordDefault },
    legs: [],
    durationS: 0,
  };
  try {
    backends = await createBenchBackends(settings.databaseUrl, settings.redisUrl);
    report.backends = { postgres: `PostgreSQL ${backends.versions.postgres}`, redis: `Redis ${backends.versions.redis}`, database: backends.databaseName, redisPrefix: backends.redisPrefix };
    const delivery: NonNullable<HeimoConfig['delivery']> = {
      pace: { discord: { max: settings.pace, duration: 1_000 }, slack: { max: settings.pace, duration: 1_000 }, teams: { max: settings.pace, duration: 1_000 } },
    };
    for (const [index, leg] of settings.legs.entries()) {
      process.stderr.write(`leg Discord <-> ${LEG_NAMES[leg]}\n`);
      const none = { phases: [], problems: [] };
      const bare = settings.relays.includes('bare') ? await latencyLeg(platform.api, leg, (endpoints) => startBareRelay(endpoints), false) : none;
      const { database, queues } = backends;
      const heimo = settings.relays.includes('heimo') ? await latencyLeg(platform.api, leg, (endpoints) => startHeimoRelay({ endpoints, database, queues, delivery }), index === 0) : none;
      report.legs.push({ leg: LEG_NAMES[leg], phases: [...bare.phases, ...heimo.phases], problems: { bare: bare.problems, heimo: heimo.problems } });
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
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
