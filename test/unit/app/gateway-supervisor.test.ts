import { describe, expect, it } from 'vitest';
import { createGatewaySupervisor } from '../../../bots/app/gateway-supervisor.ts';
import { createLogger } from '../../../core/logger.ts';
import type { Bot } from '../../../core/ports/bot.ts';
import type { Lease, LeaseFactory } from '../../../core/ports/lease.ts';
import { eventually } from '../../support/eventually.ts';

// One lease store shared by several supervisors, as Redis would be: a holder and an expiry per name.
function sharedLeases() {
  const held = new Map<string, { owner: number; until: number }>();
  let unreachable = false;
  let next = 0;
  const factory = (): LeaseFactory => {
    const me = (next += 1);
    const check = () => {
      if (unreachable) throw new Error('lease store unreachable');
    };
    return {
      kind: 'redis',
      lease: (name, ttlMs): Lease => ({
        name,
        tryAcquire: async () => {
          check();
          const current = held.get(name);
          if (current !== undefined && current.owner !== me && current.until > Date.now()) return false;
          held.set(name, { owner: me, until: Date.now() + ttlMs });
          return true;
        },
        renew: async () => {
          check();
          const current = held.get(name);
          if (current?.owner !== me || current.until <= Date.now()) return false;
          current.until = Date.now() + ttlMs;
          return true;
        },
        release: async () => {
          check();
          if (held.get(name)?.owner === me) held.delete(name);
        },
      }),
      close: async () => undefined,
    };
  };
  return {
    factory,
    setUnreachable: (value: boolean) => void (unreachable = value),
    steal: (name: string) => held.set(name, { owner: -1, until: Date.now() + 60_000 }),
    validUntil: (name: string) => held.get(name)?.until ?? 0,
  };
}

// A gateway bot that only records whether it is connected.
function gatewayBots() {
  const connected = new Set<string>();
  const stoppedAt: number[] = [];
  let made = 0;
  const make = (who: string) => (): Bot => {
    made += 1;
    return {
      platform: 'discord',
      delivery: {} as Bot['delivery'],
      routes: [],
      start: async () => void connected.add(who),
      stop: async () => {
        stoppedAt.push(Date.now());
        connected.delete(who);
      },
      health: () => ({ ok: connected.has(who), detail: `connected as ${who}` }),
    };
  };
  return { connected, make, made: () => made, stoppedAt };
}

const logger = createLogger({ level: 'silent' });
const supervisor = (leases: LeaseFactory, makeBot: () => Bot) =>
  createGatewaySupervisor({ shardIds: [0], shardCount: 1, leases, leaseMs: 300, makeBot, ingest: async () => ({ status: 'unchanged', reason: 'test' }), catchUp: async () => undefined, logger });

describe('gateway supervisor', () => {
  it('should connect exactly one process and hand over when the holder stops', async () => {
    const store = sharedLeases();
    const bots = gatewayBots();
    const a = supervisor(store.factory(), bots.make('a'));
    const b = supervisor(store.factory(), bots.make('b'));
    await a.start();
    await b.start();
    expect([...bots.connected]).toEqual(['a']);
    expect(b.health()).toEqual({ ok: true, detail: 'standby: the gateway is held by another process' });
    await a.stop();
    await eventually(() => bots.connected.has('b'), 'b took over', 2_000);
    expect([...bots.connected]).toEqual(['b']);
    await b.stop();
  });

  it('should disconnect when another process holds the lease it thought it had', async () => {
    const store = sharedLeases();
    const bots = gatewayBots();
    const a = supervisor(store.factory(), bots.make('a'));
    await a.start();
    store.steal('discord-gateway:0/1');
    await eventually(() => !bots.connected.has('a'), 'a disconnected', 2_000);
    expect(a.held()).toEqual([]);
    await a.stop();
  });

  it('should disconnect before the lease can expire when the lease store cannot be reached', async () => {
    const store = sharedLeases();
    const bots = gatewayBots();
    const a = supervisor(store.factory(), bots.make('a'));
    await a.start();
    store.setUnreachable(true);
    await eventually(() => !bots.connected.has('a'), 'a disconnected', 2_000);
    // Disconnected while its last renewal still held the lease: nobody else could have connected yet.
    expect(bots.stoppedAt[0]).toBeLessThan(store.validUntil('discord-gateway:0/1'));
    store.setUnreachable(false);
    await eventually(() => bots.connected.has('a'), 'a connected again once the store answers', 2_000);
    expect(bots.made()).toBe(2);
    await a.stop();
  });
});
