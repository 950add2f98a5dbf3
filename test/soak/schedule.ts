import type { FakeDiscord } from '../fakes/discord/index.ts';
import type { SoakCluster } from './cluster.ts';
import type { FaultProxy } from './fault-proxy.ts';
import type { Ledger } from './ledger.ts';
import type { SoakService } from './services.ts';

/** `short` runs every fault kind in about two minutes (CI); `full` runs them for real lengths. */
export type SoakMode = 'short' | 'full';

/** One fault as it happened, and how long until everything sent during it had arrived. */
export interface PhaseResult {
  name: string;
  startedAt: number;
  endedAt: number;
  /** From the fault's end until the last message sent during it was seen; null when some never was. */
  recoveryMs: number | null;
}

/** What the schedule acts on. */
export interface ScheduleContext {
  cluster: SoakCluster;
  postgres: SoakService;
  redis: SoakService;
  discord: FakeDiscord;
  slackProxy: FaultProxy;
  discordProxy: FaultProxy;
  ledger: Ledger;
  log: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every fault kind in turn, with traffic flowing throughout; resolves with each phase's times. */
export async function faultSchedule(mode: SoakMode, context: ScheduleContext): Promise<Array<Omit<PhaseResult, 'recoveryMs'>>> {
  const scale = mode === 'full' ? 4 : 1;
  const { cluster, postgres, redis, discord, slackProxy, discordProxy, log } = context;
  const phases: Array<Omit<PhaseResult, 'recoveryMs'>> = [];
  const phase = async (name: string, work: () => Promise<void>, settleMs = 4_000 * scale): Promise<void> => {
    log(`fault: ${name}`);
    const startedAt = Date.now();
    await work();
    phases.push({ name, startedAt, endedAt: Date.now() });
    await sleep(settleMs);
  };
  const both = (mode: Parameters<FaultProxy['set']>[0]): void => {
    slackProxy.set(mode);
    discordProxy.set(mode);
  };

  await sleep(5_000 * scale);
  await phase('10% of platform writes answer 500', async () => {
    both({ errorRate: 0.1 });
    await sleep(10_000 * scale);
    both({ errorRate: 0 });
  });
  await phase('429 storms (Retry-After 1 s)', async () => {
    slackProxy.set({ rateLimitSeconds: 1 });
    await sleep(4_000 * scale);
    slackProxy.set({ rateLimitSeconds: null });
    discordProxy.set({ rateLimitSeconds: 1 });
    await sleep(4_000 * scale);
    discordProxy.set({ rateLimitSeconds: null });
  });
  await phase(`Slack unreachable for ${mode === 'full' ? '3 minutes' : '15 s'}`, async () => {
    slackProxy.set({ down: true });
    await sleep(mode === 'full' ? 180_000 : 15_000);
    slackProxy.set({ down: false });
  }, 8_000 * scale);
  await phase('Discord gateway dropped (resumable)', async () => {
    discord.dropConnection();
    await sleep(2_000);
  });
  await phase('Discord gateway dropped (session lost, no resume)', async () => {
    discord.dropSessions();
    await sleep(2_000);
  });
  await phase('SIGKILL of Heimo', async () => {
    await cluster.kill(0);
    await sleep(1_000);
    await cluster.start(0);
  }, 6_000 * scale);
  await phase('Redis restart', () => redis.restart(2_000), 6_000 * scale);
  await phase('PostgreSQL restart', () => postgres.restart(500), 6_000 * scale);
  await phase(`Heimo down for ${mode === 'full' ? '2 minutes' : '10 s'}, customers writing`, async () => {
    await cluster.stop(0);
    await sleep(mode === 'full' ? 120_000 : 10_000);
    await cluster.start(0);
  }, 8_000 * scale);
  await phase('3 processes: SIGKILL of each in turn (gateway holder and workers)', async () => {
    await Promise.all([cluster.start(1), cluster.start(2)]);
    await sleep(3_000 * scale);
    for (const index of [0, 1, 2]) {
      await cluster.kill(index);
      await sleep(4_000 * scale);
      await cluster.start(index);
      await sleep(2_000 * scale);
    }
  }, 6_000 * scale);
  return phases;
}

/** Adds each phase's recovery time from what the ledger saw. */
export function withRecovery(phases: Array<Omit<PhaseResult, 'recoveryMs'>>, ledger: Ledger): PhaseResult[] {
  return phases.map((phase) => {
    const during = [...ledger.sent.values()].filter((message) => message.sentAt >= phase.startedAt && message.sentAt <= phase.endedAt);
    if (during.some((message) => message.firstSeenAt === undefined)) return { ...phase, recoveryMs: null };
    const last = Math.max(phase.endedAt, ...during.map((message) => message.firstSeenAt ?? 0));
    return { ...phase, recoveryMs: last - phase.endedAt };
  });
}
