// satisfaction: reached by other modules only through this file.
export type * from './port.ts';
export { createSqlSatisfactionFigures, type SqlSatisfactionFigures } from './sql-satisfaction-figures.ts';
