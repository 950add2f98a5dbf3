/** Clocks (issue 9): business-time arithmetic and the SLA clocks of questions. */
export { addBusinessTime, businessTimeBetween } from './business-time.ts';
export { createClocks, type Clocks, type ClocksConfig } from './create-clocks.ts';
export { BREACH_TIMER, CLOCK_NAMES, clockKey, type ClockName, type ClockState, type StartClocksInput } from './clock-types.ts';
