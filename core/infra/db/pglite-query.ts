import { types, type PGlite, type Results } from '@electric-sql/pglite';
import type { DbQueryResult } from './db-pool.ts';

/** Anything PGlite-shaped that runs statements: the instance itself or an open transaction. */
export type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

const keepText = (value: string): string => value;
// node-postgres returns int8 and numeric as strings (PGlite would give numbers, or BigInt past
// 2^53, which JSON cannot encode); keep pg's behaviour since BullMQ is written against pg.
const PG_COMPATIBLE_PARSERS = {
  [types.INT8]: keepText,
  [types.NUMERIC]: keepText,
  1016: (value: string) => types.arrayParser(value, keepText, 1016),
  1231: (value: string) => types.arrayParser(value, keepText, 1231),
};

function toResult(result: Results | undefined): DbQueryResult {
  if (!result) return { rows: [], rowCount: null };
  const { rows, rowCount, command } = result;
  return { rows, rowCount: rowCount ?? null, ...(command === undefined ? {} : { command }) };
}

/** Runs one query as node-postgres would: extended protocol with params, simple protocol (several statements allowed) without. */
export async function runOnPglite(target: PgliteQueryable, text: string, params?: readonly unknown[]): Promise<DbQueryResult> {
  if (params && params.length > 0) {
    return toResult(await target.query(text, [...params], { parsers: PG_COMPATIBLE_PARSERS }));
  }
  const results = await target.exec(text, { parsers: PG_COMPATIBLE_PARSERS });
  return toResult(results.at(-1));
}
