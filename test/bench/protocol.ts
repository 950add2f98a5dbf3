import type { Destination } from '../../core/domain/types.ts';
import type { LatencySummary } from './lib/stats.ts';

/**
 * What the main thread (the relay under test) and the platform thread (the fakes and the load
 * generator) tell each other. Everything here crosses a worker boundary: plain data only.
 */

/** Employee platforms the bench can drive; each has a fake side and a bare side (see sides/). */
export type EmployeePlatformName = 'slack' | 'teams';

/** Which way messages flow in a load phase. */
export type Direction = 'discord-to-employee' | 'employee-to-discord';

/** How to reach the Discord fake. */
export interface DiscordEndpoints {
  token: string;
  apiUrl: string;
  guildId: string;
  helpChannelId: string;
}

/** How to reach an employee-side fake: Heimo's env, its destination, and what a bare relay needs. */
export interface EmployeeEndpoints {
  platform: EmployeePlatformName;
  env: Record<string, string>;
  destination: Destination;
  /** Platform-specific settings of the bare relay (urls, tokens, secrets, channel). */
  bare: Record<string, string>;
}

/** Both fakes, started. */
export interface Endpoints {
  discord: DiscordEndpoints;
  employee: EmployeeEndpoints;
}

/** Starts fresh fakes in the platform thread. */
export interface StartRequest {
  employee: EmployeePlatformName;
  customers: number;
  employees: number;
  seed: number;
}

/** One open-loop load phase. */
export interface LoadRequest {
  label: string;
  direction: Direction;
  /** Messages per second, scheduled on a timer whatever the relay does. */
  rate: number;
  /** Sent first and left out of the figures (JIT, caches, webhook discovery). */
  warmupMs: number;
  measureMs: number;
  /** How long to wait after the last send for the backlog to drain. */
  drainTimeoutMs: number;
  /** Use the first N conversations (all when absent). */
  conversations?: number;
}

/** What one load phase measured. */
export interface LoadResult {
  label: string;
  direction: Direction;
  rate: number;
  conversations: number;
  /** Measured messages sent (warm-up excluded) and how many of them arrived. */
  sent: number;
  delivered: number;
  /** Every message of the phase, warm-up included (CPU per message is counted over these). */
  totalSent: number;
  totalDelivered: number;
  /** Arrived more than once (by end marker). */
  duplicates: number;
  /** Arrived before an earlier message of the same conversation. */
  outOfOrder: number;
  latency: LatencySummary;
  /** Achieved send rate over the measured window. */
  sendRate: number;
  /** Deliveries per second while sending (measured window). */
  deliverRate: number;
  /** Measured messages delivered / (last delivery - first measured send). */
  endToEndRate: number;
  /** Last measured send to last delivery; -1 when the backlog never drained. */
  drainMs: number;
  /** Share of measured messages delivered within the drain timeout. */
  deliveredShare: number;
  /** Fake platform API calls answered with an error during the phase. */
  apiErrors: number;
  /** Event-loop utilisation of the platform thread (fakes + generator) during the phase, 0..1. */
  platformElu: number;
  /** How late the generator's timer ran, p99 ms (the generator itself falling behind). */
  generatorLagP99: number;
  /** V8 heap in use by the platform thread at the end, MB. */
  platformHeapMb: number;
}

/** Calls the main thread makes on the platform thread. */
export interface PlatformApi {
  start(request: StartRequest): Promise<Endpoints>;
  /** Tells the employee fake where the relay under test listens. */
  attach(request: { relayUrl: string }): Promise<void>;
  /** Asks `count` questions and waits until each has a Discord thread and an employee card/root. */
  setup(request: { count: number; timeoutMs: number }): Promise<{ conversations: number; ms: number }>;
  load(request: LoadRequest): Promise<LoadResult>;
  /** Waits for the last phase's backlog to drain (see load.ts `settle`); returns what is still pending. */
  settle(request: { quietMs: number; timeoutMs: number }): Promise<{ pending: number; ms: number }>;
  /** After the last phase: waits for stragglers; returns messages sent since start and those never delivered. */
  account(request: { quietMs: number; timeoutMs: number }): Promise<{ sent: number; undelivered: number; waitedMs: number }>;
  /** Spins for `ms` so the main thread can find this thread's id in /proc. */
  burn(request: { ms: number }): Promise<void>;
  /** Starts a CPU profile of the platform thread; `stopProfile` writes it to `file`. */
  startProfile(request: Record<string, never>): Promise<void>;
  stopProfile(request: { file: string }): Promise<void>;
  /** Stops the fakes (the thread stays up for the next start). */
  stop(request: Record<string, never>): Promise<void>;
}
