import type { CpuUse } from './lib/system.ts';
import { ms, table } from './lib/stats.ts';
import type { LoadResult } from './protocol.ts';

/** One measured phase of one relay. */
export interface Phase {
  relay: string;
  load: LoadResult;
  cpu: CpuUse;
  ramp?: boolean;
}

/** Everything a run measured; written as JSON and printed as tables. */
export interface BenchReport {
  startedAt: string;
  machine: { cores: number; cpu: string; memoryGb: number; node: string; platform: string };
  backends: { postgres: string; redis: string; database: string; redisPrefix: string };
  settings: {
    conversations: number;
    rate: number;
    warmupMs: number;
    measureMs: number;
    rampWarmupMs: number;
    rampMeasureMs: number;
    rampDrainMs: number;
    pace: number;
    discordGlobalPerSecond: number;
    discordGlobalDefault: number;
    customers: number;
    employees: number;
  };
  legs: Array<{ leg: string; phases: Phase[]; problems: { bare: string[]; heimo: string[] } }>;
  durationS: number;
}

const P99_TARGET = 3;
const THROUGHPUT_TARGET = 1_000;

const pct = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(0)}%`);
const drain = (value: number): string => (value < 0 ? 'never' : ms(value));

function latencyRows(phases: Phase[]): string[][] {
  return phases.map(({ relay, load, cpu }) => [
    load.label,
    relay,
    String(load.sent),
    String(load.delivered),
    ms(load.latency.p50),
    ms(load.latency.p90),
    ms(load.latency.p99),
    ms(load.latency.max),
    drain(load.drainMs),
    String(load.duplicates),
    String(load.outOfOrder),
    String(load.apiErrors),
    pct(cpu.mainElu),
    pct(load.platformElu),
    pct(cpu.machine),
  ]);
}

/** The human-readable report: environment, latency table with ratios, throughput ramp. */
export function formatReport(report: BenchReport, passed: (load: LoadResult) => boolean): string {
  const { machine, backends, settings } = report;
  const out: string[] = [];
  out.push('Heimo relay benchmark');
  out.push(`machine   ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb.toFixed(1)} GB, ${machine.platform}, Node ${machine.node}`);
  out.push(`backends  ${backends.postgres} (fresh database ${backends.database}, dropped after), ${backends.redis} (BullMQ queue, fresh prefix ${backends.redisPrefix}, deleted after)`);
  out.push('setup     one process: relay under test (Heimo via createHeimo, or the bare relay) in the main thread; Discord + employee fakes');
  out.push('          and the open-loop generator in a worker thread; real discord.js/Bolt/WebClient over real HTTP/WebSocket on 127.0.0.1');
  out.push(`pacing    raised because the fakes impose no limits: Heimo delivery.pace ${settings.pace} jobs/s per platform;`);
  out.push(`          @discordjs/rest global limit ${settings.discordGlobalDefault} -> ${settings.discordGlobalPerSecond} req/s (Heimo and bare relay alike); fake Discord reports 1,000,000 req/s buckets`);
  out.push(`traffic   ${settings.conversations} conversations, ${settings.customers} customers, ${settings.employees} employees; Discord lines median ~53 chars (p90 175), employee answers`);
  out.push('          median ~120 (p90 600, ~1% over 2,000 chars, split for Discord); code fences, inline code, links');
  out.push('latency   fake emits the inbound event (gateway MESSAGE_CREATE / signed Slack event POST) -> other fake has read the delivery');
  out.push('          request (webhook execute / chat.postMessage; the last part of a split message)');
  out.push('');
  for (const leg of report.legs) {
    const steady = leg.phases.filter((phase) => phase.ramp !== true);
    out.push(`Latency, Discord <-> ${leg.leg}: ${settings.rate} msg/s open loop, ${(settings.warmupMs / 1_000).toFixed(0)} s warm-up + ${(settings.measureMs / 1_000).toFixed(0)} s measured per direction (ms)`);
    out.push(table([
      ['direction', 'relay', 'sent', 'delivered', 'p50', 'p90', 'p99', 'max', 'drain', 'dup', 'reordered', 'api err', 'relay ELU', 'fakes ELU', 'machine CPU'],
      ...latencyRows(steady),
    ]));
    for (const label of [...new Set(steady.map((phase) => phase.load.label))]) {
      const bare = steady.find((phase) => phase.load.label === label && phase.relay === 'bare');
      const heimo = steady.find((phase) => phase.load.label === label && phase.relay === 'heimo');
      if (bare === undefined || heimo === undefined) continue;
      const ratio = heimo.load.latency.p99 / Math.max(0.001, bare.load.latency.p99);
      const p50 = heimo.load.latency.p50 / Math.max(0.001, bare.load.latency.p50);
      const verdict = ratio <= P99_TARGET ? 'met' : `MISSED by ${(ratio / P99_TARGET).toFixed(1)}x`;
      out.push(`  ${label}: p99 heimo/bare = ${ratio.toFixed(2)}x (target <= ${P99_TARGET}x: ${verdict}); p50 ratio ${p50.toFixed(2)}x`);
    }
    const ramp = leg.phases.filter((phase) => phase.ramp === true);
    if (ramp.length > 0) {
      out.push('');
      out.push(`Throughput ramp, Discord -> ${leg.leg} (one direction), ${settings.conversations} conversations, Heimo on Redis; ${(settings.rampWarmupMs / 1_000).toFixed(0)} s warm-up + ${(settings.rampMeasureMs / 1_000).toFixed(0)} s per step`);
      out.push(`  a step passes when deliveries keep up (delivered/s >= 99% of sent/s while sending) and the backlog drains within ${(settings.rampDrainMs / 1_000).toFixed(0)} s`);
      out.push(table([
        ['offered/s', 'sent/s', 'delivered/s', 'kept up', 'e2e msg/s', 'delivered', 'drain ms', 'p50', 'p99', 'relay ELU', 'fakes ELU', 'machine CPU', 'result'],
        ...ramp.map(({ load, cpu }) => [
          String(load.rate),
          load.sendRate.toFixed(0),
          load.deliverRate.toFixed(0),
          pct(load.deliverRate / Math.max(1, load.sendRate)),
          load.endToEndRate.toFixed(0),
          `${load.delivered}/${load.sent}`,
          drain(load.drainMs),
          ms(load.latency.p50),
          ms(load.latency.p99),
          pct(cpu.mainElu),
          pct(load.platformElu),
          pct(cpu.machine),
          passed(load) ? 'pass' : 'FAIL',
        ]),
      ]));
      const best = ramp.filter((phase) => passed(phase.load)).reduce((top, phase) => Math.max(top, phase.load.rate), 0);
      const measured = ramp.reduce((top, phase) => Math.max(top, phase.load.endToEndRate), 0);
      const verdict = best >= THROUGHPUT_TARGET ? 'met' : `MISSED by ${(THROUGHPUT_TARGET - best).toFixed(0)} msg/s`;
      out.push(`  highest sustained rate: ${best} msg/s (target >= ${THROUGHPUT_TARGET} msg/s over ${settings.conversations} channels: ${verdict}); best end-to-end ${measured.toFixed(0)} msg/s`);
    }
    for (const [relay, problems] of Object.entries(leg.problems)) {
      if (problems.length > 0) out.push(`  ${relay} logged ${problems.length} warning/error line(s), first: ${problems[0]}`);
    }
    out.push('');
  }
  out.push(`total run time ${report.durationS.toFixed(0)} s`);
  return out.join('\n');
}
