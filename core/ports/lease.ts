/**
 * A named lease held by at most one process at a time (the Discord gateway of a shard, a one-off
 * job). A holder renews it well within its lifetime; a holder that dies loses it once that runs out.
 */
export interface Lease {
  readonly name: string;
  /** Takes the lease if nobody holds it; true when this process holds it now. */
  tryAcquire(): Promise<boolean>;
  /** Extends the lease; false when it was lost (expired and taken, or its connection dropped). */
  renew(): Promise<boolean>;
  /** Gives the lease back so another process takes over at once; safe when not held. */
  release(): Promise<void>;
}

/** Makes leases on one store (Redis, PostgreSQL, or this process alone). */
export interface LeaseFactory {
  readonly kind: 'redis' | 'postgres' | 'local';
  /** A lease named `name` that lives `ttlMs` without renewal (advisory locks live as long as their connection). */
  lease(name: string, ttlMs: number): Lease;
  close(): Promise<void>;
}
