import { readdir, readFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import { killLeftovers, spawnCommand, spawnHeimo } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, usesServices, type HeimoStore } from './heimo-store.ts';

const stores: HeimoStore[] = [];
// Processes that outlived their parent in a failing run: killed after the test, whatever happened.
const strays = new Set<number>();

afterEach(async () => {
  for (const pid of strays) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  strays.clear();
  await killLeftovers();
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});
afterAll(async () => {
  await removeStoreTemplate();
});

const newStore = async (): Promise<HeimoStore> => {
  const store = await createHeimoStore({ migrated: true });
  stores.push(store);
  return store;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Linux: every process whose parent chain leads to `root`, read from /proc.
async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const visit = (pid: number): void => {
    for (const [child, parent] of parents) if (parent === pid && !found.includes(child)) (found.push(child), visit(child));
  };
  visit(root);
  return found;
}

// True when nothing listens on `port` any more: binding it ourselves succeeds.
const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });

const lockFile = (store: HeimoStore): string => join(store.dir, 'pglite.lock');
const lockReleased = async (store: HeimoStore): Promise<boolean> =>
  usesServices() ? true : readFile(lockFile(store)).then(() => false, () => true);

describe('stopping heimo with a signal', () => {
  it('should stop Heimo and free its port and lock when SIGTERM is sent to the npm start process', async () => {
    const store = await newStore();
    const port = await freePort();
    const npm = spawnCommand('npm', ['start'], { ...store.env, PORT: String(port) });
    await npm.listening();
    const tree = await descendants(npm.pid);
    tree.forEach((pid) => strays.add(pid));
    expect(tree.length).toBeGreaterThan(0);

    npm.signal('SIGTERM'); // what Docker, systemd and process managers send to the process they started
    // An orphan keeps npm's output pipes open, so "ended" is npm's own exit plus its output closing.
    const exit = await Promise.race([npm.exited, new Promise((resolve) => setTimeout(() => resolve('still running 15 s after SIGTERM'), 15_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    await new Promise((resolve) => setTimeout(resolve, 500)); // an orphan would still be running now
    expect(tree.filter(isAlive)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
    expect(await lockReleased(store)).toBe(true);
    expect(npm.stderr()).toContain('SIGTERM received, stopping');
  }, 90_000);

  it('should exit 0 and free its port when SIGTERM arrives while a client holds a request open', async () => {
    const store = await newStore();
    const port = await freePort();
    const heimo = spawnHeimo(['start'], { ...store.env, PORT: String(port) });
    await heimo.listening();
    // A request whose body never finishes arriving: its connection is busy, not idle, for as long as the client likes.
    const client = connect(port, '127.0.0.1');
    client.on('error', () => undefined);
    await new Promise((resolve) => client.once('connect', resolve));
    client.write('POST /slack/events HTTP/1.1\r\nHost: heimo\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    await new Promise((resolve) => setTimeout(resolve, 300));
    heimo.signal('SIGTERM');
    const exit = await Promise.race([heimo.exited, new Promise((resolve) => setTimeout(() => resolve('still running 20 s after SIGTERM'), 20_000))]);
    client.destroy();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await portIsFree(port)).toBe(true);
  }, 90_000);

  it('should exit 0 and release the port and lock when SIGTERM or SIGINT arrives during start-up', async () => {
    const [termStore, intStore] = await Promise.all([newStore(), newStore()]);
    const stopDuringStartUp = async (store: HeimoStore, signal: NodeJS.Signals): Promise<void> => {
      const port = await freePort();
      const heimo = spawnHeimo(['start'], { ...store.env, PORT: String(port) });
      // Logged before the database opens: start-up is under way, far from listening.
      await heimo.waitForLog((line) => line.msg.startsWith('discord is not configured'), 'start-up under way');
      heimo.signal(signal);
      expect(await heimo.exited).toEqual({ code: 0, signal: null });
      expect(heimo.stderr()).toContain(`${signal} received, stopping`);
      expect(heimo.logs.some((line) => line.msg === 'heimo is listening')).toBe(false);
      expect(await portIsFree(port)).toBe(true);
      expect(await lockReleased(store)).toBe(true);
    };
    await Promise.all([stopDuringStartUp(termStore, 'SIGTERM'), stopDuringStartUp(intStore, 'SIGINT')]);
  }, 90_000);
});
