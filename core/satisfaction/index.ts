// satisfaction: reached by other modules only through this file.
export type * from './port.ts';
