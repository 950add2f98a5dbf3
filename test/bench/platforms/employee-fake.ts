import type { EmployeeEndpoints, EmployeePlatformName } from '../protocol.ts';

/**
 * One employee platform's stand-in as the load generator drives it (runs in the platform thread).
 * Slack provides one (slack-fake.ts); a Teams leg is added by providing another and registering
 * it in EMPLOYEE_FAKES (platform-thread.ts), plus a bare half in relays/bare-sides.ts.
 */
export interface EmployeeFake {
  readonly endpoints: EmployeeEndpoints;
  /** Tells the fake where the relay under test receives this platform's events. */
  attach(relayUrl: string): void;
  /** Cards/roots posted so far, by the conversation tag their text carries: index -> root id. */
  roots(): Map<number, string>;
  /** An employee replies in a root's thread: the platform emits the inbound event now, not awaited. */
  reply(rootId: string, employee: number, text: string): void;
  /**
   * Forgets delivered replies and logged calls (the fakes scan their state on every call, which
   * would otherwise slow them down as a run goes on); returns how many calls since the last prune
   * were answered with an error.
   */
  prune(): number;
  close(): Promise<void>;
}

/** What a fake is started with; `onDelivery` sees the text of every post into a thread, on arrival. */
export interface EmployeeFakeOptions {
  employees: number;
  onDelivery: (text: string) => void;
}

/** Starts one employee platform's fake. */
export type EmployeeFakeFactory = (options: EmployeeFakeOptions) => Promise<EmployeeFake>;

/** Factories by platform name. */
export type EmployeeFakes = Partial<Record<EmployeePlatformName, EmployeeFakeFactory>>;
