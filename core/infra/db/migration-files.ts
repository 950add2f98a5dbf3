import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HeimoError } from '../../errors.ts';

/** One `prisma/migrations/<name>/migration.sql`, with the checksum Prisma records for it. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file, exactly as `prisma migrate` writes it to `_prisma_migrations.checksum`. */
  checksum: string;
}

/** sha256 hex of a script, Prisma's migration checksum. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/** True when `checksum` was recorded for this script, allowing line-ending changes as Prisma does. */
export function checksumMatches(sql: string, checksum: string): boolean {
  // Prisma accepts the script as is, with CRLF turned to LF, and with LF turned to CRLF, so
  // a checkout with other line endings is not mistaken for an edited migration.
  return [sql, sql.replaceAll('\r\n', '\n'), sql.replaceAll('\n', '\r\n')].some((variant) => migrationChecksum(variant) === checksum);
}

/** Reads the migrations in `dir`, ordered by folder name (the timestamp prefix), as Prisma orders them. */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new HeimoError('MIGRATION_FAILED', `Cannot read the migrations folder ${dir}`, { cause: error, context: { migrationsDir: dir } });
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, 'migration.sql');
    const bytes = await readFile(file).catch((error: unknown) => {
      // Prisma refuses such a folder too (P3015) rather than skip a migration silently.
      throw new HeimoError('MIGRATION_FAILED', `Migration ${name} has no readable migration.sql`, { cause: error, context: { migration: name } });
    });
    files.push({ name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) });
  }
  return files;
}
