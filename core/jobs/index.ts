// The job system's public entry: domain events between capabilities and delayed timers.
export type * from './port.ts';
