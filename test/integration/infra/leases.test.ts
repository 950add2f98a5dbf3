import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeaseFactory } from '../../../core/ports/lease.ts';
import { createLocalLeases, createPgLeases } from '../../../core/infra/lease/pg-lease.ts';
import { createRedisLeases } from '../../../core/infra/lease/redis-lease.ts';
import { testServerUrl } from '../../support/database.ts';
import { deleteRedisKeys, testRedisUrl } from '../../support/queue.ts';

const factories: LeaseFactory[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(factories.splice(0).map((factory) => factory.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const name = () => `test-${randomBytes(4).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('local leases', () => {
  it('should grant a lease to the one process there is when asked', async () => {
    const leases = createLocalLeases();
    factories.push(leases);
    const lease = leases.lease('gateway', 1_000);
    expect(await lease.renew()).toBe(false);
    expect(await lease.tryAcquire()).toBe(true);
    expect(await lease.renew()).toBe(true);
    await lease.release();
    expect(await lease.renew()).toBe(false);
  });
});

// Only where the services run: a test that cannot run here is not defined rather than skipped.
if (testRedisUrl() !== null) describe('redis leases', () => {
  const open = (prefix: string): LeaseFactory => {
    const leases = createRedisLeases({ redisUrl: testRedisUrl()!, prefix });
    factories.push(leases);
    return leases;
  };

  it('should let one holder in at a time and another take over once the holder stops renewing', async () => {
    const prefix = name();
    cleanups.push(() => deleteRedisKeys(testRedisUrl()!, prefix));
    const [a, b] = [open(prefix).lease('gateway', 600), open(prefix).lease('gateway', 600)];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    await sleep(800); // a died: no renewal
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(await a.tryAcquire()).toBe(false);
    await a.release(); // not its lease any more: changes nothing
    expect(await b.renew()).toBe(true);
    await b.release();
    expect(await a.tryAcquire()).toBe(true);
  });
});

// Only where the services run: a test that cannot run here is not defined rather than skipped.
if (testServerUrl() !== null) describe('postgresql advisory leases', () => {
  it('should let one holder in at a time and free the lease as soon as the holder is gone', async () => {
    const [one, two] = [createPgLeases({ databaseUrl: testServerUrl()! }), createPgLeases({ databaseUrl: testServerUrl()! })];
    factories.push(two);
    const key = name();
    const [a, b] = [one.lease(key, 1_000), two.lease(key, 1_000)];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    await one.close(); // the holder's connection ends, as when its process dies
    expect(await a.renew()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    expect(await b.renew()).toBe(true);
  });
});
