// The network file's satisfaction-survey settings (CSAT after a question is solved), apart from
// the routing settings in network.ts (which re-exports them).

/** Whether, when and how often an asker is asked to rate how their solved question went. */
export interface SatisfactionConfig {
  /** Off by default: a community opts in to asking its customers. */
  enabled: boolean;
  /** The share of solved questions whose asker is asked, 0 to 1 (1: every one past the cooldown). */
  sampleRate: number;
  /** An asker is asked at most once within this long (milliseconds), however many questions they ask. */
  cooldownMs: number;
  /** How long after the solution the survey is posted (milliseconds): a reopen within it cancels it. */
  delayMs: number;
}

const DAY_MS = 86_400_000;

/** The survey settings a community without a `satisfaction` section gets. */
export const DEFAULT_SATISFACTION: SatisfactionConfig = { enabled: false, sampleRate: 1, cooldownMs: 30 * DAY_MS, delayMs: 10 * 60_000 };
