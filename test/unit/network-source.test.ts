import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNetworkSource } from '../../bots/app/network-source.ts';
import { defineCommunity, type NetworkConfig } from '../../core/domain/network.ts';
import { createLogger } from '../../core/logger.ts';

const logger = createLogger({ level: 'silent' });
const networkOf = (channels: string[]): NetworkConfig => ({
  internalMarkers: ['//'],
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g', routes: channels.map((id) => ({ discordChannelId: id, destination: { platform: 'slack', channelId: 'C1' } })) })],
});

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('network source', () => {
  it('should update the watched channel set in place when a reload applies', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-source-'));
    const path = join(dir, 'network.json');
    const source = createNetworkSource({ path, initial: networkOf(['a', 'b']), logger });
    const watched = source.watched;
    await writeFile(path, JSON.stringify(networkOf(['b', 'c'])));

    expect(await source.reload()).toEqual({ status: 'applied', communities: 1, routes: 2, added: ['c'], removed: ['a'] });
    expect([...watched].sort()).toEqual(['b', 'c']);
    expect(source.current().communities[0]?.routes.map((route) => route.discordChannelId)).toEqual(['b', 'c']);
  });

  it('should keep the applied network when the file has become invalid', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-source-'));
    const path = join(dir, 'network.json');
    const initial = networkOf(['a']);
    const source = createNetworkSource({ path, initial, logger });
    await writeFile(path, JSON.stringify({ communities: [{ id: 'acme', discordGuildId: 'g', routes: [{ discordChannelId: 'x' }] }] }));

    const outcome = await source.reload();

    expect(outcome).toEqual({ status: 'rejected', reason: 'HEIMO_CONFIG: communities[0].routes[0].destination must be an object' });
    expect(source.current()).toBe(initial);
    expect([...source.watched]).toEqual(['a']);
  });

  it('should apply reloads in the order they were asked when two come at once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-source-'));
    const path = join(dir, 'network.json');
    const source = createNetworkSource({ path, initial: networkOf(['a']), logger });
    await writeFile(path, JSON.stringify(networkOf(['b'])));
    const first = source.reload();
    const second = source.reload();

    expect((await first).status).toBe('applied');
    expect(await second).toMatchObject({ status: 'applied', added: [], removed: [] });
  });

  it('should say there is nothing to reload when HEIMO_CONFIG is not set', async () => {
    const source = createNetworkSource({ path: null, initial: networkOf([]), logger });
    expect(await source.reload()).toMatchObject({ status: 'rejected', reason: expect.stringContaining('HEIMO_CONFIG is not set') });
  });
});
