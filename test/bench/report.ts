import type { CpuUse } from './lib/system.ts';
import { ms, table } from './lib/stats.ts';
import type { LoadResult } from './protocol.ts';

/** One measured phase of one relay. */
export interface Phase {
  relay: string;
  kind: 'light' | 'steady' | 'ramp';
  load: LoadResult;
  cpu: CpuUse;
  /** Messages of the previous phase still undelivered when this one started. */
  backlogBefore: number;
  /** V8 heap in use by the relay's thread at the end of the phase, MB. */
  heapMb: number;
}

/** Everything a run measured; written as JSON and printed as tables. */
export interface BenchReport {
  startedAt: string;
  /** `background`: busy share of the machine for 2 s before the run (other processes skew every figure). */
  machine: { background: number | null; cores: number; cpu: string; memoryGb: number; node: string; platform: string };
  backends: { postgres: string; redis: string; database: string; redisPrefix: string };
  settings: {
    conversations: number;
    rate: number;
    lightRate: number;
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
  legs: Array<{
    leg: string;
    phases: Phase[];
    problems: { bare: string[]; heimo: string[] };
    /** Every message of the leg, and those that never arrived (30 s after the last phase). */
    totals: { bare: { sent: number; undelivered: number }; heimo: { sent: number; undelivered: number } };
  }>;
  durationS: number;
}

const P99_TARGET = 3;
const THROUGHPUT_TARGET = 1_000;

const pct = (value: number | null): string => (value === null || !Number.isFinite(value) ? 'n/a' : `${(value * 100).toFixed(0)}%`);
const drain = (value: number): string => (value < 0 ? 'never' : ms(value));
const cores = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));
const perMessage = (seconds: number, messages: number): string => (messages === 0 ? '-' : ((seconds * 1_000) / messages).toFixed(2));

function latencyTable(phases: Phase[]): string {
  return table([
    ['direction', 'rate/s', 'relay', 'sent', 'delivered', 'p50', 'p90', 'p99', 'max', 'drain', 'dup', 'reordered', 'api err', 'relay ELU', 'machine CPU', 'others', 'steal'],
    ...phases.map(({ relay, load, cpu }) => [
      load.label,
      String(load.rate),
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
      pct(cpu.machine),
      cores(cpu.othersCores),
      cores(cpu.stealCores),
    ]),
  ]);
}

function ratioLines(phases: Phase[]): string[] {
  const lines: string[] = [];
  for (const phase of phases.filter((candidate) => candidate.relay === 'heimo')) {
    const bare = phases.find((candidate) => candidate.relay === 'bare' && candidate.load.label === phase.load.label && candidate.load.rate === phase.load.rate);
    if (bare === undefined) continue;
    const p99 = phase.load.latency.p99 / Math.max(0.001, bare.load.latency.p99);
    const p50 = phase.load.latency.p50 / Math.max(0.001, bare.load.latency.p50);
    const target = phase.kind === 'steady' ? ` (target <= ${P99_TARGET}x: ${p99 <= P99_TARGET && phase.load.deliveredShare === 1 ? 'met' : `MISSED, ${(p99 / P99_TARGET).toFixed(1)}x over`})` : '';
    lines.push(`  ${phase.load.label} @${phase.load.rate}/s: p99 heimo/bare = ${p99.toFixed(2)}x${target}; p50 ${p50.toFixed(2)}x`);
  }
  return lines;
}

function cpuTable(phases: Phase[]): string {
  return table([
    ['phase', 'rate/s', 'relay', 'relay thread', 'other node threads', 'fakes thread', 'postgres', 'redis', 'relay thread busy', 'relay heap MB'],
    ...phases.map(({ relay, load, cpu, heapMb }) => [
      load.label,
      String(load.rate),
      relay,
      perMessage(cpu.relayThread, load.totalDelivered),
      perMessage(cpu.otherThreads, load.totalDelivered),
      perMessage(cpu.platformThread, load.totalDelivered),
      perMessage(cpu.postgres, load.totalDelivered),
      perMessage(cpu.redis, load.totalDelivered),
      pct(cpu.relayThread / cpu.seconds),
      heapMb.toFixed(0),
    ]),
  ]);
}

function rampTable(phases: Phase[], passed: (load: LoadResult) => boolean): string {
  return table([
    ['relay', 'offered/s', 'sent/s', 'delivered/s', 'kept up', 'e2e msg/s', 'delivered', 'drain ms', 'p50', 'p99', 'relay ELU', 'fakes ELU', 'machine CPU', 'others', 'steal', 'result'],
    ...phases.map(({ relay, load, cpu }) => [
      relay,
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
      cores(cpu.othersCores),
      cores(cpu.stealCores),
      passed(load) ? 'pass' : 'FAIL',
    ]),
  ]);
}

/** The human-readable report: environment, latency with ratios, CPU per message, throughput ramp. */
export function formatReport(report: BenchReport, passed: (load: LoadResult) => boolean): string {
  const { machine, backends, settings } = report;
  const busy = machine.background === null ? 'unknown' : pct(machine.background);
  const crowded = machine.background !== null && machine.background > 0.15;
  const out: string[] = [];
  out.push('Heimo relay benchmark');
  out.push(`machine   ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb.toFixed(1)} GB, ${machine.platform}, Node ${machine.node}`);
  out.push(`          ${busy} busy for 2 s before the run${crowded ? ' -- OTHER WORK ON THE MACHINE SKEWS THESE FIGURES' : ' (other processes)'}`);
  out.push(`backends  ${backends.postgres} (fresh database ${backends.database}, dropped after); ${backends.redis} (BullMQ queue, fresh prefix ${backends.redisPrefix}, deleted after)`);
  out.push('setup     one process: the relay under test in the main thread (Heimo built with createHeimo, or the bare relay);');
  out.push('          the Discord and employee-side fakes and the open-loop generator in a worker thread; real discord.js, Bolt and');
  out.push('          WebClient over real HTTP/WebSocket on 127.0.0.1; each relay gets fresh fakes and its own conversations');
  out.push(`pacing    raised because the fakes impose no limits: Heimo delivery.pace ${settings.pace} jobs/s per platform;`);
  out.push(`          @discordjs/rest global limit ${settings.discordGlobalDefault} -> ${settings.discordGlobalPerSecond} req/s (Heimo and the bare relay alike); the Discord fake reports 1,000,000/s buckets`);
  out.push('heimo     otherwise production defaults: delivery worker concurrency 20 drain jobs per platform, 50 entries per job,');
  out.push('          Prisma pool of 10 connections, BullMQ on Redis; warnings and errors it logs are listed under each leg');
  out.push(`traffic   ${settings.conversations} conversations, ${settings.customers} customers, ${settings.employees} employees; Discord lines median ~53 chars (p90 175);`);
  out.push('          employee answers median ~120 (p90 600, ~1% over 2,000 chars, split for Discord); code fences, inline code, links');
  out.push('latency   from the fake emitting the inbound event (Discord gateway MESSAGE_CREATE, signed Slack event POST, Teams activity');
  out.push('          POST) until the other fake has read the delivery request (Discord webhook execute, chat.postMessage, connector');
  out.push('          sendToConversation; for a split message, its last part)');
  out.push('');
  for (const leg of report.legs) {
    const timed = leg.phases.filter((phase) => phase.kind !== 'ramp');
    out.push(`Latency, Discord <-> ${leg.leg}: open loop, ${settings.conversations} conversations, ${(settings.warmupMs / 1_000).toFixed(0)} s warm-up + ${(settings.measureMs / 1_000).toFixed(0)} s measured per direction (ms)`);
    out.push(latencyTable(timed));
    out.push('  relay ELU: event-loop use of the relay\'s thread; machine CPU: all cores busy; others: cores taken by unrelated processes;');
    out.push('  steal: cores the hypervisor gave to other guests meanwhile');
    out.push(...ratioLines(timed));
    const ramp = leg.phases.filter((phase) => phase.kind === 'ramp');
    if (ramp.length > 0) {
      out.push('');
      out.push(`Throughput ramp, Discord -> ${leg.leg} only, ${settings.conversations} conversations, Heimo on Redis; ${(settings.rampWarmupMs / 1_000).toFixed(1)} s warm-up + ${(settings.rampMeasureMs / 1_000).toFixed(0)} s per step,`);
      out.push(`  stopping at the first failed step; a step passes when delivered/s >= 99% of sent/s and the backlog drains within ${(settings.rampDrainMs / 1_000).toFixed(0)} s`);
      out.push(rampTable(ramp, passed));
      for (const relay of ['bare', 'heimo']) {
        const steps = ramp.filter((phase) => phase.relay === relay);
        if (steps.length === 0) continue;
        const best = steps.filter((phase) => passed(phase.load)).reduce((top, phase) => Math.max(top, phase.load.rate), 0);
        const e2e = steps.reduce((top, phase) => Math.max(top, phase.load.endToEndRate), 0);
        const verdict = relay === 'heimo' ? ` (target >= ${THROUGHPUT_TARGET} msg/s over ${settings.conversations} channels: ${best >= THROUGHPUT_TARGET ? 'met' : `MISSED by ${THROUGHPUT_TARGET - best} msg/s`})` : '';
        out.push(`  ${relay}: highest sustained ${best} msg/s${verdict}; best end-to-end ${e2e.toFixed(0)} msg/s`);
      }
    }
    out.push('');
    out.push('CPU time per delivered message, ms (warm-up and drain included; postgres = backends of the bench database; redis = the whole server)');
    out.push(cpuTable(leg.phases));
    for (const [relay, total] of Object.entries(leg.totals)) {
      if (total.sent > 0) out.push(`  ${relay}: ${total.sent} messages sent over the leg, ${total.undelivered} never delivered (counted 30 s after the last phase)`);
    }
    for (const [relay, problems] of Object.entries(leg.problems)) {
      if (problems.length > 0) out.push(`  ${relay} logged ${problems.length} warning/error line(s); first: ${problems[0]}`);
    }
    out.push('');
  }
  out.push(`total run time ${report.durationS.toFixed(0)} s`);
  return out.join('\n');
}
