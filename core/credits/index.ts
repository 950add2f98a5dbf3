// credits: reached by other modules only through this file.
export type * from './port.ts';
export { createSqlThanksGiven } from './sql-thanks-given.ts';
