import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusIs } from '../contracts/employee-contract.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { sendSignedRequest, sendSlackEvent } from '../fakes/slack/sign.ts';
import { onServer, testServerUrl } from '../support/database.ts';
import { eventually, settle } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

type SlackSide = Awaited<ReturnType<typeof createSlackSide>>;

describe('Discord <-> Slack spine', () => {
  let net: Network;
  let slack: SlackSide;

  beforeAll(async () => {
    slack = await createSlackSide();
    net = await startNetwork(slack);
  });
  afterAll(async () => {
    await net?.close();
  });

  const webhookPosts = (threadId: string) =>
    net.discord.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/webhooks/') && request.query['thread_id'] === threadId);

  it('should open a conversation without a new thread when a customer creates a forum post', async () => {
    const before = slack.cards().length;
    const { thread } = net.discord.userCreatesForumPost({ forumId: net.discord.world.ids.forum, title: 'SSO login loops', content: 'After SAML login I land on the login page again.', author: net.discord.world.users.bob });
    const card = await eventually(() => slack.cards()[before], 'forum card');
    expect(card.text).toContain('SSO login loops');
    expect(net.discord.requests.some((request) => request.path.endsWith(`/messages/${thread.id}/threads`))).toBe(false);
    await eventually(async () => (await net.db.prisma.threadLink.count({ where: { threadId: card.id } })) > 0, 'card link');
    await slack.reply(card.id, 'Clear the IdP session cookie.');
    const answer = await eventually(() => net.relayedToDiscord(thread.id)[0], 'answer in forum post');
    expect(answer.content).toContain('Clear the IdP session cookie.');
  });

  it('should carry an employee\'s screenshot to the customer as a file when the reply has one attached', async () => {
    const { threadId, cardId } = await net.ask('Where is the export button?');
    const png = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    await slack.reply(cardId, 'Here, top right:', [{ name: 'export button.png', mimetype: 'image/png', data: png }]);
    await slack.reply(cardId, '', [{ name: 'steps.txt', mimetype: 'text/plain', data: Buffer.from('1. open\n2. export\n') }]);
    const [withText, fileOnly] = await eventually(() => {
      const relayed = net.relayedToDiscord(threadId);
      return relayed.length >= 2 ? relayed : undefined;
    }, 'both replies in Discord');
    expect(withText?.content).toContain('Here, top right:');
    const [image] = net.discord.attachmentsOf(threadId, withText!.id);
    expect(image?.data.equals(png)).toBe(true);
    expect(image?.contentType).toBe('image/png');
    const [text] = net.discord.attachmentsOf(threadId, fileOnly!.id);
    expect(text?.data.toString()).toBe('1. open\n2. export\n');
    // Fetched from Slack with the bot token, and only from Slack.
    expect(slack.fake.downloads.filter((download) => download.status === 200)).toHaveLength(2);
    expect(slack.fake.downloads.every((download) => download.headers['authorization'] === `Bearer ${slack.fake.token}`)).toBe(true);
  });

  it('should take Heimo\'s mirrored reactions back when a moderator clears an emoji or all reactions', async () => {
    const { threadId, cardId } = await net.ask('Clearing reactions');
    const replyId = await slack.reply(cardId, 'Fixed in 2.4.1');
    const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'answer in Discord');
    // The post is visible a moment before Heimo records it as its copy; a person cannot react sooner.
    await eventually(async () => (await net.db.prisma.messageCopy.count({ where: { platform: 'discord', externalId: relayed.id } })) > 0, 'copy recorded');
    const { bob, carol } = net.discord.world.users;
    net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: bob });
    net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: carol });
    net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '👍', user: carol });
    await eventually(() => slack.botReactions(cardId, replyId).length === 2, 'both mirrored in Slack');
    net.discord.moderatorClearsReactions({ channelId: threadId, messageId: relayed.id, emoji: '🎉' });
    await eventually(() => !slack.botReactions(cardId, replyId).includes('🎉'), '🎉 cleared in Slack');
    expect(slack.botReactions(cardId, replyId)).toEqual(['👍']);
    net.discord.moderatorClearsReactions({ channelId: threadId, messageId: relayed.id });
    await eventually(() => slack.botReactions(cardId, replyId).length === 0, 'all cleared in Slack');
    // Cleared means forgotten: the next person to react is the first again.
    net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: bob });
    await eventually(() => slack.botReactions(cardId, replyId).includes('🎉'), '🎉 mirrored again');
  });

  it('should ping nobody on Discord when an employee writes @everyone, @here or a role mention', async () => {
    const { threadId, cardId } = await net.ask('Ping check');
    await slack.reply(cardId, `@everyone and @here and <!channel> see <@${'U0ALICE'}>`);
    const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'reply relayed');
    expect(relayed.content).not.toMatch(/(^|[^\u200b])@(everyone|here)/);
    const sent = webhookPosts(threadId).at(-1)?.body as { allowed_mentions?: { parse?: unknown[] } };
    expect(sent.allowed_mentions?.parse).toEqual([]);
  });

  it('should notify nobody in Slack when a customer types channel-wide mentions', async () => {
    const { threadId, cardId } = await net.ask('Another question');
    net.discord.userSends({ channelId: threadId, content: 'hey <!channel> <!here> <!everyone> @here @channel <@U0ALICE>', author: net.discord.world.users.bob });
    const post = await eventually(() => slack.threadPosts(cardId)[0], 'follow-up in Slack');
    expect(post.text).not.toMatch(/<!(channel|here|everyone)>/);
    expect(post.text).not.toMatch(/<@U0ALICE>/);
    expect(post.text).not.toMatch(/(^|\s)@(here|channel)\b/);
    const sent = slack.fake.callsTo('chat.postMessage').at(-1)?.params;
    expect(sent?.['link_names']).not.toBe(true);
  });

  it('should split a long answer into parts and keep every part in step when it is edited and deleted', async () => {
    const { threadId, cardId } = await net.ask('Long answer please');
    const paragraph = (n: number) => `Paragraph ${n}: ${'lorem ipsum dolor sit amet '.repeat(9).trim()}.`;
    const long = Array.from({ length: 10 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(long.length).toBeGreaterThan(2_500);
    const replyId = await slack.reply(cardId, long);
    const parts = await eventually(() => {
      const found = net.relayedToDiscord(threadId);
      return found.length >= 2 ? found : undefined;
    }, 'two parts in Discord');
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.content.length <= 2_000)).toBe(true);
    expect(parts.map((part) => part.content).join('\n')).toContain('Paragraph 10');
    const stored = await eventually(async () => {
      const copies = await net.db.prisma.messageCopy.findMany({ where: { platform: 'discord', channelId: threadId } });
      return copies.length === 2 ? copies : undefined;
    }, 'both part ids recorded');
    expect(stored.map((copy) => copy.externalId).sort()).toEqual(parts.map((part) => part.id).sort());

    await slack.edit(cardId, replyId, 'Short now.');
    await eventually(() => net.relayedToDiscord(threadId).length === 1 && net.relayedToDiscord(threadId)[0]?.content.includes('Short now.'), 'edit shrinks to one part');
    await slack.remove(cardId, replyId);
    await eventually(() => net.relayedToDiscord(threadId).length === 0, 'every part deleted');
  });

  it('should reject a request with a bad signature and relay nothing when someone forges an event', async () => {
    const { threadId, cardId } = await net.ask('Forgery check');
    const forged = { type: 'message', channel: 'C0SUPPORT', user: 'U0ALICE', text: 'forged answer', ts: '1999999999.000100', thread_ts: cardId };
    const result = await sendSlackEvent(`${net.heimo.url}/slack/events`, forged, 'not-the-secret');
    expect(result.status).toBe(401);
    const stale = await sendSlackEvent(`${net.heimo.url}/slack/events`, forged, 'contract-signing-secret', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    await settle();
    expect(net.relayedToDiscord(threadId)).toHaveLength(0);
  });

  it('should log an error and keep serving when a signed payload is malformed', async () => {
    const malformed = await sendSignedRequest(`${net.heimo.url}/slack/events`, '{"type":"event_callback","event":{"type":"message","channel":42,"thread_ts":{}}}', 'application/json', 'contract-signing-secret');
    expect(malformed.status).toBeLessThan(500);
    const garbage = await sendSignedRequest(`${net.heimo.url}/slack/events`, 'this is not json', 'application/json', 'contract-signing-secret');
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    const { threadId, cardId } = await net.ask('Still alive?');
    await slack.reply(cardId, 'Yes, still alive.');
    await eventually(() => net.relayedToDiscord(threadId)[0], 'relay after malformed input');
  });

  it('should show asker mentions as readable names when a question mentions someone', async () => {
    const alice = net.discord.world.users.alice;
    const before = slack.cards().length;
    net.discord.userSends({ channelId: net.discord.world.ids.help, content: `Hi <@${alice.id}>, can you help?`, author: net.discord.world.users.carol, mentions: [alice.id] });
    const card = await eventually(() => slack.cards()[before], 'card with mention');
    expect(card.text).toContain('@Alice from Acme');
    expect(card.text).not.toContain(`<@${alice.id}>`);
  });

  it('should update the card in place when the customer edits or deletes the question', async () => {
    const { question, cardId } = await net.ask('Original question text');
    net.discord.userEdits({ channelId: question.channel_id, messageId: question.id, content: 'Edited question text' });
    await eventually(() => slack.cards().find((card) => card.id === cardId)?.text.includes('Edited question text'), 'card shows the edit');
    net.discord.userDeletes({ channelId: question.channel_id, messageId: question.id });
    await eventually(() => slack.cards().find((card) => card.id === cardId)?.text.includes('deleted this question'), 'card shows the delete');
    expect(slack.cards().filter((card) => card.id === cardId)).toHaveLength(1);
  });

  it('should move the card between open and answered when employees answer and the customer follows up', async () => {
    const { threadId, cardId } = await net.ask('Status flow');
    const card = () => slack.cards().find((candidate) => candidate.id === cardId)?.text ?? '';
    expect(card()).toMatch(statusIs('open'));
    await slack.reply(cardId, 'Try restarting.');
    await eventually(() => statusIs('answered').test(card()), 'answered');
    const conversation = await net.db.prisma.conversation.findFirstOrThrow({ where: { links: { some: { threadId: cardId } } } });
    expect(conversation.firstResponseAt).not.toBeNull();
    net.discord.userSends({ channelId: threadId, content: 'Did not help', author: net.discord.world.users.bob });
    await eventually(() => statusIs('open').test(card()) && !statusIs('answered').test(card()), 'reopened');
  });

  it('should report ready on /healthz when every configured part is connected', async () => {
    const response = await fetch(`${net.heimo.url}/healthz`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { ok: boolean; checks: Record<string, { ok: boolean }>; unconfigured: string[] };
    expect(report.ok).toBe(true);
    expect(Object.keys(report.checks).sort()).toEqual(['deliveries', 'discord', 'migrations', 'queue', 'slack']);
    expect(report.unconfigured).toEqual(['teams']);
  });
});

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
