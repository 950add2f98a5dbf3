import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { fatalOf, runHeimo, spawnHeimo, type HeimoProcess } from './heimo-process.ts';
import { useProcessFixture } from './process-fixture.ts';
import { usesServices } from './heimo-store.ts';
import type { ProcessNetwork } from './process-network.ts';

const fixture = useProcessFixture();

const LEASE_MS = 5_000;
// Operators see why a check is as it is; anonymous callers only ok or not.
const ADMIN_TOKEN = 'multi-process-admin-token';

/** Stand-ins and a store shared by several Heimo processes, each started with its own roles. */
async function setUp(): Promise<{ net: ProcessNetwork; spawn: (roles?: string) => Promise<HeimoProcess> }> {
  const { store, network: net } = await fixture.open();
  const env: Env = { ...store.env, ...net.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', HEIMO_DELIVERY_LOCK_MS: '1500', HEIMO_GATEWAY_LEASE_MS: String(LEASE_MS), HEIMO_ADMIN_TOKEN: ADMIN_TOKEN };
  return {
    net,
    spawn: async (roles) => {
      const heimo = spawnHeimo(['start'], { ...env, ...(roles === undefined ? {} : { HEIMO_ROLES: roles }) });
      await heimo.listening(120_000);
      return heimo;
    },
  };
}

const holdsGateway = (heimo: HeimoProcess): boolean => {
  const events = heimo.logs.filter((line) => line.msg === 'discord: took the gateway lease' || line.msg.startsWith('discord: gave up the gateway'));
  return events.at(-1)?.msg === 'discord: took the gateway lease';
};

const delivered = (heimo: HeimoProcess): number => heimo.logs.filter((line) => line.msg === 'delivered').length;

describe('heimo on the embedded database', () => {
  it('should refuse roles other than all naming HEIMO_ROLES when no DATABASE_URL is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heimo-roles-'));
    try {
      const result = await runHeimo(['start'], { HEIMO_DATA_DIR: dir, PORT: '0', HEIMO_ROLES: 'worker' });
      expect(result.code).toBe(78);
      expect(fatalOf(result.stderr)).toMatch(/^HEIMO_ROLES=worker needs DATABASE_URL: the embedded database serves a single process/);
      const typo = await runHeimo(['start'], { HEIMO_DATA_DIR: dir, PORT: '0', HEIMO_ROLES: 'ingress,workers' });
      expect(typo.code).toBe(78);
      expect(fatalOf(typo.stderr)).toBe('HEIMO_ROLES is a comma-separated list of ingress, worker, gateway (or all), got "ingress,workers"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

// Several processes need a shared PostgreSQL (and Redis): these run when the suite runs on services.
// Only where the services run: a test that cannot run here is not defined rather than skipped.
if (usesServices()) describe('heimo as several processes on one PostgreSQL and Redis', () => {
  it('should hold the gateway in exactly one of three processes and hand it over within seconds when the holder is killed', async () => {
    const { net, spawn } = await setUp();
    // Never two gateway sessions at once, sampled from the first start to the end.
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, net.discord.liveGatewaySessions().length);
    }, 20);
    const all = await Promise.all([spawn(), spawn(), spawn()]);
    await eventually(() => all.filter(holdsGateway).length === 1 && net.discord.liveGatewaySessions().length === 1, 'one gateway holder', 20_000);
    await settle(LEASE_MS); // a full lease period later, still one
    expect(all.filter(holdsGateway)).toHaveLength(1);
    expect(net.discord.liveGatewaySessions()).toEqual([[0, 1]]);

    const holder = all.find(holdsGateway)!;
    const others = all.filter((heimo) => heimo !== holder);
    net.attach(others[0]!);
    const { threadId, cardTs } = await net.ask('Two processes, one question?');

    holder.signal('SIGKILL');
    expect(await holder.exited).toMatchObject({ signal: 'SIGKILL' });
    const killedAt = Date.now();
    await eventually(() => others.some(holdsGateway) && net.discord.liveGatewaySessions().length === 1, 'another process holding the gateway', 20_000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS * 3);
    expect(others.filter(holdsGateway)).toHaveLength(1);

    net.followUp(threadId, 'asked after the takeover');
    await eventually(() => net.postsContaining(cardTs, 'asked after the takeover').length === 1, 'follow-up relayed by the new holder', 30_000);
    await settle(LEASE_MS);
    expect(net.postsContaining(cardTs, 'asked after the takeover')).toHaveLength(1);
    expect(net.discord.liveGatewaySessions()).toHaveLength(1);
    clearInterval(sampler);
    expect(most).toBe(1);
    for (const heimo of others) expect(await heimo.stop()).toEqual({ code: 0, signal: null });
  }, 300_000);

  it('should lose nothing when a worker is killed mid-delivery and deliver only from worker processes', async () => {
    const { net, spawn } = await setUp();
    const [front, worker] = await Promise.all([spawn('ingress,gateway'), spawn('worker')]);
    net.attach(front);
    const { threadId, cardTs } = await net.ask('Split roles');
    await eventually(() => delivered(worker) >= 2, 'thread and card delivered by the worker', 20_000);
    expect(delivered(front)).toBe(0);
    const health = (await (await fetch(`${worker.url}/healthz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { checks: Record<string, { ok: boolean; detail: string }> };
    expect(health.checks['discord']).toMatchObject({ ok: true, detail: expect.stringMatching(/^REST only/) });
    expect(health.checks['slack']).toMatchObject({ ok: true, detail: expect.stringMatching(/^delivery only/) });

    // Slack stores the post but its answer never reaches the worker; then the worker dies.
    net.slack.failNext('chat.postMessage', { hang: true });
    net.followUp(threadId, 'written while a worker died');
    await eventually(() => net.postsContaining(cardTs, 'written while a worker died').length === 1, 'the post stored by Slack', 20_000);
    worker.signal('SIGKILL');
    expect(await worker.exited).toMatchObject({ signal: 'SIGKILL' });

    const next = await spawn('worker');
    await next.waitForLog((line) => line.msg === 'delivered' && line['kind'] === 'message.post', 'the delivery finished by the next worker', 30_000);
    await settle(1_000);
    expect(net.postsContaining(cardTs, 'written while a worker died')).toHaveLength(1);
    expect(delivered(front)).toBe(0);
    for (const heimo of [front, next]) expect(await heimo.stop()).toEqual({ code: 0, signal: null });
  }, 300_000);
});
