import pg from 'pg';
import type { Logger } from '../../ports/logger.ts';
import type { Lease, LeaseFactory } from '../../ports/lease.ts';

/**
 * Leases as PostgreSQL session advisory locks, for deployments without Redis: each lease holds a
 * dedicated connection while it is held. When the holder dies its connection closes and PostgreSQL
 * releases the lock at once; `renew` checks that the connection (and so the lock) is still there.
 */
export function createPgLeases(config: { databaseUrl: string; logger?: Logger }): LeaseFactory {
  const open = new Set<pg.Client>();
  return {
    kind: 'postgres',
    lease(name): Lease {
      let client: pg.Client | null = null;
      const drop = async (): Promise<void> => {
        const held = client;
        client = null;
        if (held === null) return;
        open.delete(held);
        await held.end().catch(() => undefined);
      };
      return {
        name,
        tryAcquire: async () => {
          if (client !== null) return true;
          const candidate = new pg.Client({ connectionString: config.databaseUrl, keepAlive: true });
          candidate.on('error', (error) => config.logger?.warn('lease connection failed', { lease: name, error }));
          try {
            await candidate.connect();
            const { rows } = await candidate.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1::text, 0)) AS "held"`, [`heimo:lease:${name}`]);
            if (rows[0]?.held === true) {
              client = candidate;
              open.add(candidate);
              return true;
            }
          } catch (error) {
            config.logger?.debug('lease not taken', { lease: name, error });
          }
          await candidate.end().catch(() => undefined);
          return false;
        },
        renew: async () => {
          if (client === null) return false;
          try {
            await client.query('SELECT 1');
            return true;
          } catch {
            await drop();
            return false;
          }
        },
        release: drop,
      };
    },
    close: async () => {
      await Promise.all([...open].map((client) => client.end().catch(() => undefined)));
      open.clear();
    },
  };
}

/** Leases for a single process (the embedded database admits no other): always granted. */
export function createLocalLeases(): LeaseFactory {
  const held = new Set<string>();
  return {
    kind: 'local',
    lease: (name) => ({
      name,
      tryAcquire: async () => {
        held.add(name);
        return true;
      },
      renew: async () => held.has(name),
      release: async () => {
        held.delete(name);
      },
    }),
    close: async () => held.clear(),
  };
}
