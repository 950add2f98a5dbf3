/** One line of `heimo doctor`: what was checked, whether it holds, and what to do when it does not. */
export interface DoctorCheck {
  ok: boolean;
  /** What was checked and what was found, e.g. `bot is in channel C0123 (#support)`; never a secret. */
  what: string;
  /** What to change when the check failed. */
  fix?: string;
  /** Nothing was checked (a platform neither configured nor routed to): printed as `–`, not `✓`. */
  skipped?: boolean;
}

/** A passing check. */
export const pass = (what: string): DoctorCheck => ({ ok: true, what });

/** A failing check with its fix. */
export const fail = (what: string, fix: string): DoctorCheck => ({ ok: false, what, fix });
