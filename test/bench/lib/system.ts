import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Where CPU time goes during a phase, from /proc (Linux; zeros elsewhere): the relay's thread,
 * the platform thread, the rest of this process (GC helpers, libuv pool), the PostgreSQL backends
 * serving the benchmark's database, and redis-server (shared by everyone using that server).
 */
export interface CpuUse {
  seconds: number;
  /** Busy share of all cores, 0..1 (null off Linux). */
  machine: number | null;
  /** Cores used by everything else on the machine (other people's work), averaged over the phase. */
  othersCores: number | null;
  /** Cores the hypervisor gave to other guests while this one wanted them (steal time). */
  stealCores: number | null;
  /** CPU seconds used during the phase. */
  relayThread: number;
  platformThread: number;
  otherThreads: number;
  postgres: number;
  redis: number;
  /** Event-loop utilisation of the main thread (the relay under test), 0..1. */
  mainElu: number;
}

const TICK = 100; // USER_HZ on Linux

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** utime + stime of a /proc stat file, in seconds. */
function statSeconds(path: string): number {
  const text = read(path);
  if (text === undefined) return 0;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICK;
}

function machineTicks(): { busy: number; total: number; steal: number } | null {
  const line = read('/proc/stat')?.split('\n')[0];
  if (line === undefined) return null;
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total, steal: values[7] ?? 0 };
}

const pids = (): string[] => {
  try {
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
};

/** CPU seconds of processes whose command name is `comm` and whose command line contains `marker`. */
function processSeconds(comm: string, marker = ''): number {
  let seconds = 0;
  for (const pid of pids()) {
    if (read(`/proc/${pid}/comm`)?.trim() !== comm) continue;
    if (marker !== '' && !(read(`/proc/${pid}/cmdline`) ?? '').includes(marker)) continue;
    seconds += statSeconds(`/proc/${pid}/stat`);
  }
  return seconds;
}

/** CPU seconds of each thread of this process, by thread id. */
export function threadSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) seconds.set(Number(tid), statSeconds(`/proc/self/task/${tid}/stat`));
  } catch {
    // not Linux
  }
  return seconds;
}

/** What to attribute: the platform thread's id and the benchmark database's name. */
export interface CpuScope {
  platformThreadId: number | undefined;
  databaseName: string;
}

/** Starts measuring; the returned function stops and reports. */
export function measureCpu(scope: CpuScope): () => CpuUse {
  const sample = () => {
    const threads = threadSeconds();
    const all = [...threads.values()].reduce((sum, value) => sum + value, 0);
    const relay = threads.get(process.pid) ?? 0;
    const platform = scope.platformThreadId === undefined ? 0 : (threads.get(scope.platformThreadId) ?? 0);
    return {
      at: performance.now(),
      machine: machineTicks(),
      relay,
      platform,
      // Threads that ended during the phase drop out of `all`; never report a negative rest.
      other: all - relay - platform,
      postgres: processSeconds('postgres', scope.databaseName),
      redis: processSeconds('redis-server'),
    };
  };
  const before = sample();
  const elu = performance.eventLoopUtilization();
  return () => {
    const after = sample();
    const { machine: start } = before;
    const { machine: end } = after;
    const seconds = (after.at - before.at) / 1_000;
    const ours = after.relay - before.relay + (after.platform - before.platform) + Math.max(0, after.other - before.other)
      + Math.max(0, after.postgres - before.postgres) + Math.max(0, after.redis - before.redis);
    const busySeconds = start !== null && end !== null ? (end.busy - start.busy) / TICK : null;
    const stealSeconds = start !== null && end !== null ? (end.steal - start.steal) / TICK : null;
    return {
      seconds,
      machine: start !== null && end !== null && end.total > start.total ? (end.busy - start.busy) / (end.total - start.total) : null,
      othersCores: busySeconds === null || stealSeconds === null ? null : Math.max(0, busySeconds - stealSeconds - ours) / seconds,
      stealCores: stealSeconds === null ? null : stealSeconds / seconds,
      relayThread: after.relay - before.relay,
      platformThread: after.platform - before.platform,
      otherThreads: Math.max(0, after.other - before.other),
      postgres: Math.max(0, after.postgres - before.postgres),
      redis: Math.max(0, after.redis - before.redis),
      mainElu: performance.eventLoopUtilization(elu).utilization,
    };
  };
}

/** The id of the thread that burns CPU while `burn` runs (how the platform thread is found). */
export async function findBusyThread(burn: () => Promise<unknown>): Promise<number | undefined> {
  const before = threadSeconds();
  await burn();
  const after = threadSeconds();
  let best: { tid: number; gained: number } | undefined;
  for (const [tid, seconds] of after) {
    const gained = seconds - (before.get(tid) ?? 0);
    if (tid !== process.pid && (best === undefined || gained > best.gained)) best = { tid, gained };
  }
  return best !== undefined && best.gained >= 0.1 ? best.tid : undefined;
}

/** The machine's busy share over `ms` (other work on a shared machine skews every figure). */
export async function machineBusy(ms: number): Promise<number | null> {
  const start = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const end = machineTicks();
  return start !== null && end !== null && end.total > start.total ? (end.busy - start.busy) / (end.total - start.total) : null;
}
