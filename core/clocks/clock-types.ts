import type { BusinessHoursConfig } from '../domain/network.ts';

/** The two SLA clocks of a question. */
export type ClockName = 'first-response' | 'resolution';

/** Every clock, in the order cards show them. */
export const CLOCK_NAMES: readonly ClockName[] = ['first-response', 'resolution'];

/** The timer key of a question's clock (setting it again moves the timer). */
export const clockKey = (clock: ClockName, conversationId: string): string => `sla.${clock}:${conversationId}`;

/** The timer kind every SLA clock fires as. */
export const BREACH_TIMER = 'sla.breach';

/** A clock as stored: what it counts towards and whether it still runs. */
export interface ClockRecord {
  conversationId: string;
  communityId: string;
  clock: ClockName;
  teamId: string;
  targetMs: number;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  /** When the clock's current run broke its target; null when it has not (yet). */
  breachedAt: Date | null;
}

/** One clock as cards and the queue show it. */
export interface ClockState {
  clock: ClockName;
  startedAt: Date;
  dueAt: Date;
  /** True once the clock stopped (answered, resolved, closed). */
  stopped: boolean;
  breached: boolean;
  breachedAt: Date | null;
  /** Business time left until `dueAt` (negative when overdue); null once the clock stopped. */
  remainingMs: number | null;
}

/** What starts a question's clocks: its targets come from the tier, its hours from the team. */
export interface StartClocksInput {
  conversationId: string;
  tier: { firstResponseMs?: number; resolutionMs?: number };
  team: { id: string; businessHours?: BusinessHoursConfig };
  openedAt: Date;
}
