import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** CPU use over a stretch of time, from /proc/stat (whole machine) and getrusage (this process). */
export interface CpuUse {
  /** Busy share of all cores, 0..1 (null off Linux). */
  machine: number | null;
  /** This process (all its threads) in cores, e.g. 1.3 = 130 % of one core. */
  processCores: number;
  /** Event-loop utilisation of the main thread (the relay under test), 0..1. */
  mainElu: number;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Starts measuring; the returned function stops and reports. */
export function measureCpu(): () => CpuUse {
  const ticks = machineTicks();
  const usage = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  return () => {
    const after = machineTicks();
    const used = process.cpuUsage(usage);
    const seconds = (performance.now() - started) / 1_000;
    const machine = ticks !== null && after !== null && after.total > ticks.total ? (after.busy - ticks.busy) / (after.total - ticks.total) : null;
    return { machine, processCores: (used.user + used.system) / 1e6 / seconds, mainElu: performance.eventLoopUtilization(elu).utilization };
  };
}
