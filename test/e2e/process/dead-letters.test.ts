import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { killLeftovers, REPO_ROOT, runHeimo, spawnHeimo, type HeimoProcess, type LogLine } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, type HeimoStore } from './heimo-store.ts';
import { startProcessNetwork, type ProcessNetwork } from './process-network.ts';

const stores: HeimoStore[] = [];
let network: ProcessNetwork | undefined;

afterEach(async () => {
  await killLeftovers();
  await network?.close();
  network = undefined;
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});
afterAll(async () => {
  await removeStoreTemplate();
});

const newStore = async (migrated: boolean): Promise<HeimoStore> => {
  const store = await createHeimoStore({ migrated });
  stores.push(store);
  return store;
};

const logLines = (stderr: string): LogLine[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/** One line of `heimo deliveries list`. */
interface DeadRow {
  id: string;
  platform: string;
  kind: string;
  line: string;
}

const deadRows = (stdout: string): DeadRow[] =>
  stdout
    .split('\n')
    .filter((line) => line.includes('conversation='))
    .map((line) => {
      const [id = '', platform = '', kind = ''] = line.split(/\s+/);
      return { id, platform, kind, line };
    });

describe('heimo deliveries and heimo migrate', () => {
  it('should show and retry dead letters when deliveries still fail at the retry horizon', async () => {
    const store = await newStore(true);
    const net = await startProcessNetwork(store.dir);
    network = net;
    const env: Env = { ...store.env, ...net.env, PORT: '0', HOST: '127.0.0.1', HEIMO_DELIVERY_RETRY_HORIZON: '3s' };
    const start = async (): Promise<HeimoProcess> => {
      const heimo = spawnHeimo(['start'], env);
      await heimo.listening();
      net.attach(heimo);
      return heimo;
    };
    const cli = (...args: string[]) => runHeimo(args, env);
    const delivered = (cardTs: string, text: string): number => net.postsContaining(cardTs, text).length;

    let heimo = await start();
    const { threadId, cardTs } = await net.ask('Billing page is blank');
    // Slack answers 500 for longer than the (short) horizon: an outage that outlasts it.
    for (let failure = 0; failure < 12; failure += 1) net.slack.failNext('chat.postMessage', { status: 500 });
    net.followUp(threadId, 'first lost line');
    net.followUp(threadId, 'second lost line');
    await eventually(() => heimo.logs.filter((line) => line.msg.startsWith('delivery is dead')).length === 2, 'both follow-ups dead', 30_000);
    net.slack.clearFailures('chat.postMessage'); // Slack recovers; nothing retries a dead delivery by itself
    await settle(500);
    expect(delivered(cardTs, 'lost line')).toBe(0);

    const embedded = store.kind === 'embedded';
    if (embedded) {
      // The embedded database belongs to the running process: the command says so instead of corrupting it.
      const busy = await cli('deliveries', 'list');
      expect(busy.code).toBe(78);
      expect(busy.stderr).toContain(`in use by process ${heimo.pid}`);
      expect(await heimo.stop()).toEqual({ code: 0, signal: null });
    }

    const listed = await cli('deliveries', 'list');
    expect(listed.code).toBe(0);
    const rows = deadRows(listed.stdout);
    expect(rows.map(({ platform, kind }) => ({ platform, kind }))).toEqual([
      { platform: 'slack', kind: 'message.post' },
      { platform: 'slack', kind: 'message.post' },
    ]);
    for (const row of rows) {
      expect(row.id).toMatch(/^[\w-]{8,}$/);
      expect(row.line).toMatch(/attempts=\d+/);
      expect(row.line).toMatch(/chat\.postMessage failed/);
    }
    const [first, second] = rows as [DeadRow, DeadRow];
    const status = await cli('deliveries', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^slack\s+queue=(running|paused [\d.]+ \w+)\s+pending=0\s+oldest=-\s+dead=2$/m);

    const one = await cli('deliveries', 'retry', first.id);
    expect(one).toMatchObject({ code: 0 });
    expect(one.stdout).toContain('requeued deliveries of 1 conversation stream(s)');
    if (!embedded) {
      await eventually(() => delivered(cardTs, 'first lost line') === 1, 'the retried delivery posted by the running Heimo', 20_000);
      await settle(500);
      expect(delivered(cardTs, 'second lost line')).toBe(0);
    }
    expect(deadRows((await cli('deliveries', 'list')).stdout).map((row) => row.id)).toEqual([second.id]);

    const all = await cli('deliveries', 'retry');
    expect(all).toMatchObject({ code: 0 });
    expect(all.stdout).toContain('requeued deliveries of 1 conversation stream(s)');
    if (embedded) heimo = await start();
    await eventually(() => delivered(cardTs, 'first lost line') === 1 && delivered(cardTs, 'second lost line') === 1, 'both retried deliveries posted', 20_000);
    await settle(1_000);
    expect(delivered(cardTs, 'first lost line')).toBe(1);
    expect(delivered(cardTs, 'second lost line')).toBe(1);
    // In order, as the customer wrote them.
    expect(net.postsContaining(cardTs, 'lost line').map((post) => post.text.includes('first'))).toEqual([true, false]);

    if (embedded) expect(await heimo.stop()).toEqual({ code: 0, signal: null });
    const empty = await cli('deliveries', 'list');
    expect(empty.stdout.trim()).toBe('no dead deliveries');
    if (!embedded) expect(await heimo.stop()).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('should apply migrations once and report the database up to date when heimo migrate runs twice', async () => {
    const store = await newStore(false);
    const migrations = (await readdir(join(REPO_ROOT, 'prisma', 'migrations'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(migrations.length).toBeGreaterThan(0);

    const firstRun = await runHeimo(['migrate'], store.env);
    expect(firstRun.code).toBe(0);
    expect(logLines(firstRun.stderr).find((line) => line.msg === 'applied migrations')?.['applied']).toEqual(migrations);

    const secondRun = await runHeimo(['migrate'], store.env);
    expect(secondRun.code).toBe(0);
    const lines = logLines(secondRun.stderr);
    expect(lines.find((line) => line.msg === 'database is up to date')?.['applied']).toEqual([]);
    expect(lines.some((line) => line.msg === 'applying migration')).toBe(false);
  }, 90_000);
});
