import type { Database } from '../../core/infra/db/create-database.ts';

/** One place a needle was found: the column and an excerpt of the value around it. */
export interface Found {
  needle: string;
  column: string;
  excerpt: string;
}

// Every column of every table in every schema of this database (Heimo's, BullMQ's, Prisma's
// migrations), whatever its type: a value is searched as the text PostgreSQL casts it to.
const COLUMNS_SQL = `
SELECT c.table_schema AS "schema", c.table_name AS "table", c.column_name AS "column"
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
ORDER BY 1, 2, 3`;

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Searches every column of every table for each needle (case-insensitive): where a person's id,
 * name or words are still stored. Answers each hit; none means nothing holds them.
 */
export async function findEverywhere(db: Pick<Database, 'pool'>, needles: readonly string[]): Promise<Found[]> {
  const { rows: columns } = await db.pool.query<{ schema: string; table: string; column: string }>(COLUMNS_SQL);
  if (columns.length < 50) throw new Error(`only ${columns.length} columns found: the scan would prove nothing`);
  const found: Found[] = [];
  for (const { schema, table, column } of columns) {
    const value = `t.${quoted(column)}::text`;
    const { rows } = await db.pool.query<{ needle: string; value: string }>(
      `SELECT n."needle", ${value} AS "value" FROM ${quoted(schema)}.${quoted(table)} t, jsonb_array_elements_text($1::text::jsonb) AS n("needle")
       WHERE strpos(lower(${value}), lower(n."needle")) > 0`,
      [JSON.stringify(needles)],
    );
    for (const row of rows) {
      const at = row.value.toLowerCase().indexOf(row.needle.toLowerCase());
      found.push({ needle: row.needle, column: `${schema}.${table}.${column}`, excerpt: row.value.slice(Math.max(0, at - 40), at + row.needle.length + 40) });
    }
  }
  return found;
}
