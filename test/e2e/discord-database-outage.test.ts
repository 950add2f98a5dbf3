import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSide } from '../contracts/slack-side.ts';
import { onServer, testServerUrl } from '../support/database.ts';
import { eventually, settle } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

// Only a PostgreSQL server can be taken away and given back mid-test (PGlite lives in the
// process); .ci/run runs the suite against one as well as on the embedded defaults.
const serverUrl = testServerUrl();
if (serverUrl !== null) {
  describe('Discord messages while PostgreSQL is unreachable', () => {
    let net: Network;

    beforeAll(async () => {
      net = await startNetwork(await createSlackSide());
    });
    afterAll(async () => {
      await net?.close();
    });

    const databaseName = (): string => new URL(net.db.url ?? '').pathname.slice(1);
    const setReachable = (reachable: boolean): Promise<void> =>
      onServer(serverUrl, async (client) => {
        const name = databaseName();
        await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${reachable ? 'true' : 'false'}`);
        // Every open connection goes too, as in a restart.
        if (!reachable) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      });

    it('should hold the follow-ups and relay each once, in order, when the database comes back', async () => {
      const { threadId, cardId } = await net.ask('Outage check');
      await setReachable(false);
      const texts = ['written during the outage 1', 'written during the outage 2', 'written during the outage 3'];
      try {
        for (const content of texts) net.discord.userSends({ channelId: threadId, content, author: net.discord.world.users.bob });
        await eventually(() => net.logs.some((line) => line.msg.startsWith('discord: inbound event failed')), 'an event failed to store');
        await settle(1_500);
      } finally {
        await setReachable(true);
      }

      const posts = await eventually(() => {
        const found = net.side.threadPosts(cardId).filter((post) => texts.some((text) => post.text.includes(text)));
        return found.length >= texts.length ? found : undefined;
      }, 'follow-ups relayed after the outage', 30_000);
      await settle(600);
      expect(posts.map((post) => texts.find((text) => post.text.includes(text)))).toEqual(texts);
      expect(net.side.threadPosts(cardId).filter((post) => texts.some((text) => post.text.includes(text)))).toHaveLength(texts.length);
      expect(net.logs.some((line) => line.msg === 'discord: held event stored')).toBe(true);
      expect(threadId).toBeTruthy();
    });
  });
}
