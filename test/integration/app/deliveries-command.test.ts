import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { listDeadDeliveries, retryDeadDeliveries, showDeliveryStatus } from '../../../bots/app/maintenance.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

describe('heimo deliveries', () => {
  let env: Env;
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    // On a server each run gets its own database; embedded, a fresh data directory.
    if (process.env['DATABASE_URL']) {
      db = await createTestDatabase();
      await db.close();
      env = { DATABASE_URL: db.url ?? '', ...(process.env['REDIS_URL'] ? { REDIS_URL: process.env['REDIS_URL'] } : {}) };
    } else {
      env = { HEIMO_DATA_DIR: await mkdtemp(join(tmpdir(), 'heimo-deliveries-')) };
    }
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should say so when there are no dead deliveries', async () => {
    const lines: string[] = [];
    expect(await listDeadDeliveries(env, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['no dead deliveries']);
  });

  it('should say so when no delivery is pending or dead and status is asked', async () => {
    const lines: string[] = [];
    expect(await showDeliveryStatus(env, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['no deliveries']);
  });

  it('should fail naming the id when asked to retry a delivery that is not dead', async () => {
    await expect(retryDeadDeliveries(env, ['no-such-id'], () => undefined)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no-such-id') });
  });
});
