import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import { killLeftovers, runHeimo, spawnHeimo } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, type HeimoStore } from './heimo-store.ts';

let store: HeimoStore | undefined;
afterEach(async () => {
  await killLeftovers();
  await store?.dispose();
});
afterAll(async () => {
  await removeStoreTemplate();
});

const network = (routes: number) => ({
  communities: [
    {
      id: 'acme',
      discordGuildId: '100000000000000001',
      routes: Array.from({ length: routes }, (_, index) => ({ discordChannelId: `20000000000000000${index}`, destination: { platform: 'slack', channelId: `C0${index}` } })),
    },
  ],
});

describe('heimo reload against a running heimo start', () => {
  it('should apply a valid file, refuse a bad one before signalling, and keep the routing when SIGHUP meets a bad file', async () => {
    store = await createHeimoStore({ migrated: true });
    const file = join(store.dir, 'network.json');
    await writeFile(file, JSON.stringify(network(1)));
    const env = { ...store.env, PORT: '0', HEIMO_CONFIG: file };
    const heimo = spawnHeimo(['start'], env);
    await heimo.listening(150_000); // an embedded first start is slow on a loaded machine
    // Written right after start-up finished: `heimo reload` finds the process through it.
    await eventually(() => access(join(store!.dir, 'heimo.pid')).then(() => true), 'heimo.pid written');

    await writeFile(file, JSON.stringify(network(2)));
    const reloaded = await runHeimo(['reload'], env);
    expect(reloaded.code, reloaded.stderr).toBe(0);
    expect(reloaded.stdout).toContain(`sent SIGHUP to Heimo (pid ${heimo.pid})`);
    const applied = await heimo.waitForLog((line) => line.msg === 'network file reloaded', 'the reload applied');
    expect(applied).toMatchObject({ routes: 2, added: ['200000000000000001'] });

    await writeFile(file, '{\n  "communities": [\n    { "id": "acme", }\n  ]\n}');
    const refused = await runHeimo(['reload'], env);
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('is not valid JSON at line 3, column 21');

    // A signal sent by hand is not checked first: Heimo itself rejects the file and keeps what it had.
    heimo.signal('SIGHUP');
    const rejected = await heimo.waitForLog((line) => line.msg === 'network file rejected; the previous routing stays', 'the bad file rejected');
    expect(String(rejected['reason'])).toContain('line 3, column 21');
    expect(heimo.logs.filter((line) => line.msg === 'network file reloaded')).toHaveLength(1);

    const exit = await heimo.stop(15_000);
    expect(exit.code).toBe(0);
    await expect(access(join(store.dir, 'heimo.pid'))).rejects.toThrow();
    await writeFile(file, JSON.stringify(network(1)));
    const stopped = await runHeimo(['reload'], env);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('no running Heimo found');
  }, 240_000);
});
