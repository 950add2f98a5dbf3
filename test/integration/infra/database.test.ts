import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCode } from '../../../core/errors.ts';
import { createDatabase } from '../../../core/infra/db/create-database.ts';
import { applyMigrations } from '../../../core/infra/db/migrate.ts';
import { createTestDatabase, MIGRATIONS_DIR, testServerUrl, type TestDatabase } from '../../support/database.ts';
import { databaseKinds } from './helpers.ts';

describe.each(databaseKinds())('Prisma on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ kind });
  });

  afterAll(async () => {
    await db.dispose();
  });

  it('should read back a person with accounts when they were written through Prisma', async () => {
    const created = await db.prisma.person.create({
      data: { displayName: 'Ada', accounts: { create: [{ platform: 'discord', externalId: 'd-1', displayName: 'ada' }] } },
    });
    const found = await db.prisma.person.findUniqueOrThrow({ where: { id: created.id }, include: { accounts: true } });
    expect(db.kind).toBe(kind);
    expect(found.displayName).toBe('Ada');
    expect(found.accounts.map((account) => [account.platform, account.externalId, account.isBot])).toEqual([['discord', 'd-1', false]]);
    expect(found.createdAt).toBeInstanceOf(Date);
  });

  it('should keep nothing of an interactive transaction when it throws', async () => {
    const attempt = db.prisma.$transaction(async (tx) => {
      await tx.person.create({ data: { displayName: 'Ghost' } });
      throw new Error('changed my mind');
    });
    await expect(attempt).rejects.toThrow('changed my mind');
    expect(await db.prisma.person.count({ where: { displayName: 'Ghost' } })).toBe(0);
  });

  it('should see Prisma writes through the pool when both share the database', async () => {
    await db.prisma.person.create({ data: { displayName: 'Shared' } });
    const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM public."Person" WHERE "displayName" = $1`, ['Shared']);
    expect(rows[0]?.n).toBe('1');
  });
});

describe('createDatabase', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'heimo-data-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should keep data in <dataDir>/pglite across restarts when no url is set', async () => {
    const first = await createDatabase({ url: null, dataDir });
    await applyMigrations(first, { migrationsDir: MIGRATIONS_DIR });
    await first.prisma.person.create({ data: { displayName: 'Persisted' } });
    await first.close();
    expect((await stat(path.join(dataDir, 'pglite'))).isDirectory()).toBe(true);

    const second = await createDatabase({ url: null, dataDir });
    try {
      expect(await applyMigrations(second, { migrationsDir: MIGRATIONS_DIR })).toEqual({ applied: [] });
      expect(await second.prisma.person.count({ where: { displayName: 'Persisted' } })).toBe(1);
    } finally {
      await second.close();
    }
    // Two embedded databases and a full migration: well past the default on a loaded two-core machine.
  }, 120_000);

  it('should refuse to open the embedded database twice when it is already open', async () => {
    const first = await createDatabase({ url: null, dataDir });
    try {
      const second = await createDatabase({ url: null, dataDir }).catch((error: unknown) => error);
      expect(hasCode(second, 'CONFIG_INVALID')).toBe(true);
      expect((second as Error).message).toContain(`process ${process.pid}`);
    } finally {
      await first.close();
    }
  });

  it('should throw CONFIG_INVALID when the url is not a PostgreSQL url', async () => {
    const error = await createDatabase({ url: 'mysql://localhost/heimo', dataDir }).catch((caught: unknown) => caught);
    expect(hasCode(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('DATABASE_URL');
  });

  it('should throw NOT_CONNECTED without the password when the server does not answer', async () => {
    const error = await createDatabase({ url: 'postgresql://heimo:s3cret@127.0.0.1:1/heimo', dataDir }).catch((caught: unknown) => caught);
    expect(hasCode(error, 'NOT_CONNECTED')).toBe(true);
    expect((error as Error).message).toContain('127.0.0.1:1/heimo');
    expect((error as Error).message).not.toContain('s3cret');
  });

  const server = testServerUrl();
  if (server !== null) {
    it('should keep the server reason and name DATABASE_URL without the password when the database does not exist', async () => {
      const missing = new URL(server);
      missing.password = 'n0t-shown';
      missing.pathname = '/heimo_no_such_database';
      const error = await createDatabase({ url: missing.toString(), dataDir }).catch((caught: unknown) => caught);
      expect(hasCode(error, 'NOT_CONNECTED')).toBe(true);
      expect((error as Error).message).toContain('database "heimo_no_such_database" does not exist');
      expect((error as Error).message).toContain('DATABASE_URL');
      expect((error as Error).message).not.toContain('n0t-shown');
    });
  }

  it('should allow close to be called twice when several owners close it', async () => {
    const db = await createTestDatabase();
    await db.close();
    await expect(db.dispose()).resolves.toBeUndefined();
  });
});
