/** Clocks (issue 9): business-time arithmetic and the SLA timers of questions. */
export { addBusinessTime, businessTimeBetween } from './business-time.ts';
