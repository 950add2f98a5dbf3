import type { ClockName } from './clock-types.ts';

// Words the escalation channel reads; they move to the message catalogue (core/i18n) when it exists.

const TARGETS: Record<ClockName, string> = {
  'first-response': 'First response target missed',
  resolution: 'Resolution target missed',
};

/** The escalation post of a breached clock: which target, the question's title and where to find it. */
export function breachText(input: { clock: ClockName; title: string; url: string }): string {
  const line = `${TARGETS[input.clock]}: ${input.title}`;
  return input.url === '' ? line : `${line}\n${input.url}`;
}
