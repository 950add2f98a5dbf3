import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { createSqlBackfillStore } from '../../core/backfill/sql-backfill-store.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

describe('network file reload (Discord -> Slack, real SDKs against the stand-ins)', () => {
  let net: Network | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await net?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const askIn = (channelId: string, text: string) => net!.discord.userSends({ channelId, content: text, author: net!.discord.world.users.bob });

  it('should route a newly added channel and keep the old routing when a bad file follows', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-reload-'));
    const file = join(dir, 'network.json');
    net = await startNetwork(await createSlackSide(), { networkFile: file });
    const { ids } = net.discord.world;
    const original = JSON.parse(await readFile(file, 'utf8')) as NetworkConfig;

    askIn(ids.general, 'Asked before general is routed?');
    askIn(ids.help, 'Asked in the routed help channel');
    await eventually(() => net!.side.cards().find((card) => card.text.includes('Asked in the routed help channel')), 'card for the routed channel');
    expect(net.side.cards().some((card) => card.text.includes('before general is routed'))).toBe(false);

    const routed = structuredClone(original);
    routed.communities[0]!.routes.push({ discordChannelId: ids.general, destination: net.side.destination });
    await writeFile(file, JSON.stringify(routed));
    const applied = await net.heimo.reload();
    expect(applied).toMatchObject({ status: 'applied', added: [ids.general] });
    // Watched from the reload on: a catch-up after a lost gateway session must not read the new channel's week of history.
    const since = await createSqlBackfillStore(net.heimo.database).watchedSince('discord', ids.general);
    expect(since?.getTime()).toBeGreaterThanOrEqual(Date.now() - 60_000);
    askIn(ids.general, 'Asked after the reload');
    await eventually(() => net!.side.cards().find((card) => card.text.includes('Asked after the reload')), 'card for the newly routed channel');

    await writeFile(file, JSON.stringify({ communities: [{ ...routed.communities[0], routes: [{ discordChannelId: ids.general, destination: { platform: 'irc' } }] }] }));
    const rejected = await net.heimo.reload();
    expect(rejected).toMatchObject({ status: 'rejected' });
    expect(rejected.status === 'rejected' && rejected.reason).toContain('communities[0].routes[0].destination.platform must be "slack" or "teams"');
    expect(net.logs.some((line) => line.level === 'error' && String(line['reason']).includes('routes[0].destination.platform'))).toBe(true);
    askIn(ids.help, 'Still routed after a bad file?');
    await eventually(() => net!.side.cards().find((card) => card.text.includes('Still routed after a bad file?')), 'card under the previous routing');
  }, 90_000); // starts a whole network: slow on a loaded machine
});
