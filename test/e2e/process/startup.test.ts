import { writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import type { HealthReport } from '../../../bots/app/http-server.ts';
import { createFakeSlack } from '../../fakes/slack/fake-slack.ts';
import { eventually } from '../../support/eventually.ts';
import { fatalOf, killLeftovers, runHeimo, spawnHeimo, stderrLines } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, type HeimoStore } from './heimo-store.ts';
import { startProcessNetwork, SUPPORT_CHANNEL } from './process-network.ts';

// A test's stores are disposed after it, whatever happened.
const stores: HeimoStore[] = [];
const newStore = async (migrated: boolean): Promise<HeimoStore> => {
  const store = await createHeimoStore({ migrated });
  stores.push(store);
  return store;
};

afterEach(async () => {
  await killLeftovers();
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});
afterAll(async () => {
  await removeStoreTemplate();
});

// Operators (the admin token) see details; anonymous callers only names and ok/not ok.
const ADMIN_TOKEN = 'process-test-admin-token';
const healthOf = async (url: string, token?: string): Promise<{ status: number; body: HealthReport }> => {
  const response = await fetch(`${url}/healthz`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as HealthReport };
};


// A port nothing listens on yet: bound, then released.
// Forwards raw TCP from `port` to `target`: "the network to Discord comes back".
const openTunnel = async (port: number, target: number): Promise<Server> => {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = createConnection(target, '127.0.0.1');
    sockets.add(inbound).add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const drop = (): void => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
};

describe('heimo start as a process', () => {
  it('should start with no services and no credentials when nothing is configured', async () => {
    const store = await newStore(false);
    const heimo = spawnHeimo(['start'], { ...store.env, PORT: '0', HEIMO_ADMIN_TOKEN: ADMIN_TOKEN });
    await heimo.listening();

    const warnings = heimo.logs.filter((line) => line.level === 'warn').map((line) => line.msg);
    expect(warnings).toContain('discord is not configured: set DISCORD_TOKEN to enable it');
    expect(warnings).toContain('slack is not configured: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET to enable it');
    expect(warnings.find((msg) => msg.startsWith('teams is not configured'))).toMatch(/MICROSOFT_APP_ID.*MICROSOFT_APP_PASSWORD/);

    const { status, body } = await healthOf(heimo.url, ADMIN_TOKEN);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.checks['migrations']).toMatchObject({ ok: true });
    expect(body.checks['queue']).toMatchObject({ ok: true, detail: `${store.env['REDIS_URL'] === undefined ? 'postgres' : 'redis'} connected` });
    expect([...body.unconfigured].sort()).toEqual(['discord', 'slack', 'teams']);

    const stopping = Date.now();
    const exit = await heimo.stop(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(5_000);
    const lines = stderrLines(heimo.stderr());
    expect(lines.find((line) => line['msg'] === 'SIGTERM received, stopping')).toMatchObject({ level: 'info', signal: 'SIGTERM' });
    expect(lines.find((line) => line['msg'] === 'heimo stopped')).toMatchObject({ level: 'info' });
  }, 90_000);

  it('should stop with a message naming the variable when configuration is bad', async () => {
    const store = await newStore(false);
    const badNetwork = join(store.dir, 'network.json');
    const route = { discordChannelId: '200000000000000001', destination: { platform: 'discord', channelId: 'C1' } };
    await writeFile(badNetwork, JSON.stringify({ communities: [{ id: 'acme', discordGuildId: '100000000000000001', routes: [route] }] }));
    const secretToken = 'xoxb-never-print-this-token';

    const [badPort, halfSlack, badFile] = await Promise.all([
      runHeimo(['start'], { ...store.env, PORT: 'abc' }),
      runHeimo(['start'], { ...store.env, PORT: '0', SLACK_BOT_TOKEN: secretToken }),
      runHeimo(['start'], { ...store.env, PORT: '0', HEIMO_CONFIG: badNetwork }),
    ]);

    expect(badPort.code).toBe(78);
    expect(fatalOf(badPort.stderr)).toMatch(/^PORT must be a whole number .*"abc"/);
    expect(stderrLines(badPort.stderr).find((line) => line['level'] === 'fatal')).toMatchObject({ code: 'CONFIG_INVALID', variable: 'PORT' });
    expect(halfSlack.code).toBe(78);
    expect(fatalOf(halfSlack.stderr)).toMatch(/^SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set/);
    expect(halfSlack.stderr).not.toContain(secretToken);
    expect(badFile.code).toBe(78);
    expect(fatalOf(badFile.stderr)).toContain('HEIMO_CONFIG: communities[0].routes[0].destination.platform must be "slack" or "teams"');
    for (const result of [badPort, halfSlack, badFile]) {
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      expect(result.stderr).not.toContain('heimo is listening');
    }
  }, 60_000);

  it('should answer 503 on /healthz naming what is down when a configured bot cannot connect', async () => {
    const store = await newStore(true);
    const network = await startProcessNetwork(store.dir);
    const closedPort = await freePort();
    let tunnel: Server | undefined;
    try {
      const heimo = spawnHeimo(['start'], { ...store.env, ...network.env, PORT: '0', DISCORD_API_URL: `http://127.0.0.1:${closedPort}/api`, HEIMO_ADMIN_TOKEN: ADMIN_TOKEN });
      await heimo.listening();
      network.attach(heimo);
      await heimo.waitForLog((line) => line.level === 'error' && line.msg.startsWith('discord could not connect'), 'the connect failure logged');

      const down = await healthOf(heimo.url, ADMIN_TOKEN);
      expect(down.status).toBe(503);
      expect(down.body.ok).toBe(false);
      expect(down.body.checks['discord']).toMatchObject({ ok: false, detail: expect.stringMatching(/login failed|not connected/) });
      expect(down.body.checks['slack']).toMatchObject({ ok: true });
      expect(down.body.checks['queue']).toMatchObject({ ok: true });

      // The network to Discord comes back: Heimo connects on its own, without a restart, and relays.
      tunnel = await openTunnel(closedPort, Number(new URL(network.discord.apiUrl).port));
      await eventually(async () => (await healthOf(heimo.url)).status === 200, '/healthz 200 after Discord came back', 45_000);
      expect((await healthOf(heimo.url, ADMIN_TOKEN)).body.checks['discord']).toMatchObject({ ok: true, detail: expect.stringMatching(/^connected as/) });
      expect(heimo.logs.some((line) => line.msg.startsWith('discord connected after'))).toBe(true);
      const { cardTs } = await network.ask('Does it work after the outage?');
      expect(network.slack.message(SUPPORT_CHANNEL, cardTs)?.text).toContain('Does it work after the outage?');
      expect(await heimo.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await new Promise<void>((resolve) => (tunnel ? tunnel.close(() => resolve()) : resolve()));
      await network.close();
    }
  }, 120_000);

  it('should stop naming the platform when a configured bot refuses the credentials', async () => {
    const store = await newStore(true);
    const slack = await createFakeSlack();
    try {
      const wrongToken = 'xoxb-wrong-token-for-this-workspace';
      const result = await runHeimo(['start'], { ...store.env, PORT: '0', SLACK_BOT_TOKEN: wrongToken, SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl });
      expect(result.code).toBe(1);
      expect(fatalOf(result.stderr)).toMatch(/^slack rejected the request: auth\.test: invalid_auth/);
      expect(result.stderr).not.toContain(wrongToken);
      expect(result.stderr).not.toContain('heimo is listening');
    } finally {
      await slack.close();
    }
  }, 60_000);
});
