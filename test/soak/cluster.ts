import type { Env } from '../../config/env-read.ts';
import { spawnHeimo, type HeimoProcess } from '../e2e/process/heimo-process.ts';
import { freePort } from '../support/free-port.ts';

/** One place a Heimo process runs; the port stays when the process is restarted, as behind a load balancer. */
interface Slot {
  port: number;
  process: HeimoProcess | undefined;
}

/** Heimo processes on the same PostgreSQL and Redis, started, killed and restarted by the soak. */
export interface SoakCluster {
  /** Ingress URLs of the processes running now. */
  eventUrls(): string[];
  running(): number;
  /** Starts slot `index` (adding slots as needed) and resolves once it listens. */
  start(index: number): Promise<void>;
  /** SIGKILL: the process dies mid-work. */
  kill(index: number): Promise<void>;
  /** SIGTERM: a clean stop. Resolves with the exit code. */
  stop(index: number): Promise<number | null>;
  /** Stderr of every process this slot ran, for a failure report. */
  tail(index: number): string;
  close(): Promise<void>;
}

/** A cluster whose processes all get `env` (plus their own PORT). */
export async function createSoakCluster(env: Env): Promise<SoakCluster> {
  const slots: Slot[] = [];
  const logs: string[][] = [];
  const slot = async (index: number): Promise<Slot> => {
    while (slots.length <= index) {
      slots.push({ port: await freePort(), process: undefined });
      logs.push([]);
    }
    return slots[index] as Slot;
  };
  const finish = async (index: number, signal: NodeJS.Signals): Promise<number | null> => {
    const current = slots[index]?.process;
    if (current === undefined) return null;
    current.signal(signal);
    const exit = await current.exited;
    logs[index]?.push(current.stderr().slice(-3_000));
    (slots[index] as Slot).process = undefined;
    return exit.code;
  };
  return {
    eventUrls: () => slots.filter((item) => item.process !== undefined).map((item) => `http://127.0.0.1:${item.port}/slack/events`),
    running: () => slots.filter((item) => item.process !== undefined).length,
    async start(index) {
      const target = await slot(index);
      if (target.process !== undefined) return;
      const child = spawnHeimo(['start'], { ...env, PORT: String(target.port) });
      target.process = child;
      await child.listening(90_000);
    },
    kill: async (index) => void (await finish(index, 'SIGKILL')),
    stop: (index) => finish(index, 'SIGTERM'),
    tail: (index) => [...(logs[index] ?? []), slots[index]?.process?.stderr().slice(-3_000) ?? ''].join('\n'),
    async close() {
      await Promise.all(slots.map((_item, index) => finish(index, 'SIGTERM')));
    },
  };
}
