import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeimo } from '../../bots/app/create-heimo.ts';
import { ConfigError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { createTeamsSide, TEAMS_EMPLOYEE, type TeamsSide } from '../contracts/teams-side.ts';
import { channelReply } from '../fakes/teams/send-activity.ts';
import { eventually, settle } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

describe('Discord <-> Teams spine (authentication ON)', () => {
  let net: Network;
  let teams: TeamsSide;

  beforeAll(async () => {
    teams = await createTeamsSide();
    net = await startNetwork(teams);
  });
  afterAll(async () => {
    await net?.close();
  });

  const chain = (cardId: string): string => `${teams.scene.channelId};messageid=${cardId}`;
  const employeeReply = (cardId: string, text: string): Record<string, unknown> =>
    channelReply(teams.scene, { rootId: cardId, from: TEAMS_EMPLOYEE, html: `<p>${text}</p>` });
  const storedTeamsMessages = (externalId: string) => net.db.prisma.message.count({ where: { platform: 'teams', externalId } });
  /** The raw activity Heimo posted for a thread post the side recorded. */
  const postedActivity = (cardId: string, postId: string): Record<string, unknown> | undefined =>
    teams.connector.activities.get(`${chain(cardId)}|${postId}`)?.activity;

  it('should refuse with 401 and relay nothing when the token is missing, for another bot or connector, expired, or signed with an unknown or forged key', async () => {
    const { threadId, cardId } = await net.ask('Who can answer me?');
    const forgeries = {
      'no token': { token: undefined },
      'wrong audience': { token: await teams.identity.mintToken({ audience: 'another-bot-app-id', serviceUrl: teams.connector.serviceUrl }) },
      expired: { token: await teams.identity.mintToken({ audience: teams.appId, serviceUrl: teams.connector.serviceUrl, expiresIn: -3_600 }) },
      'unknown signing key': { token: await teams.identity.mintToken({ audience: teams.appId, serviceUrl: teams.connector.serviceUrl, kid: 'not-published' }) },
      'token for another serviceUrl': { token: await teams.identity.mintToken({ audience: teams.appId, serviceUrl: 'https://smba.trafficmanager.net/emea/' }) },
      'forged signature': { token: await teams.identity.mintToken({ audience: teams.appId, serviceUrl: teams.connector.serviceUrl, forgeSignature: true }) },
    };
    const sent: string[] = [];
    for (const [label, { token }] of Object.entries(forgeries)) {
      const activity = employeeReply(cardId, `forged answer (${label})`);
      sent.push(String(activity['id']));
      const result = await teams.send(activity, token);
      expect({ label, status: result.status }).toEqual({ label, status: 401 });
    }

    await settle();
    expect(net.relayedToDiscord(threadId)).toHaveLength(0);
    for (const id of sent) expect(await storedTeamsMessages(id)).toBe(0);
    // The same reply with a valid token goes through: the refusals above were the token's doing.
    await teams.reply(cardId, 'the real answer');
    const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'valid reply in Discord');
    expect(relayed.content).toContain('the real answer');
    expect(net.relayedToDiscord(threadId)).toHaveLength(1);
  });

  it('should refuse and relay nothing when the serviceUrl is not in the allowlist, even with a valid token for it', async () => {
    const { threadId, cardId } = await net.ask('Is the allowlist enforced?');
    const attacker = 'https://attacker.example/teams/';
    const activity = channelReply({ ...teams.scene, serviceUrl: attacker }, { rootId: cardId, from: TEAMS_EMPLOYEE, html: '<p>send your token here</p>' });

    const result = await teams.send(activity, await teams.identity.mintToken({ audience: teams.appId, serviceUrl: attacker }));

    expect(result.status).toBe(403);
    await settle();
    expect(net.relayedToDiscord(threadId)).toHaveLength(0);
    expect(await storedTeamsMessages(String(activity['id']))).toBe(0);
    // Heimo did not learn the attacker's connector for this channel: the next post still goes to Teams.
    net.discord.userSends({ channelId: threadId, content: 'still here', author: net.discord.world.users.bob });
    await eventually(() => teams.threadPosts(cardId).find((post) => post.text.includes('still here')), 'follow-up through the real connector');
  });

  it('should update the card in place with a PUT on the same activity when the first employee answer arrives', async () => {
    const { threadId, cardId } = await net.ask('Can I export invoices as CSV?');
    const cardsBefore = teams.connector.callsTo('createConversation').length;
    expect(teams.cards().find((card) => card.id === cardId)?.text).toContain('Status: Open');
    expect(teams.connector.callsTo('updateActivity').filter((call) => call.activityId === cardId)).toHaveLength(0);

    await teams.reply(cardId, 'Yes, under Billing → Export.');
    const update = await eventually(
      () => teams.connector.callsTo('updateActivity').find((call) => call.activityId === cardId && call.status === 200),
      'card PUT',
    );
    expect(update.method).toBe('PUT');
    expect(update.conversationId).toBe(chain(cardId));
    const card = teams.cards().find((candidate) => candidate.id === cardId);
    expect(card?.text).toContain('Status: Answered');
    expect(card?.text).not.toContain('Status: Open');
    expect(teams.connector.activities.get(`${chain(cardId)}|${cardId}`)?.updates).toBe(1);

    // A second answer changes no status, so the card is left alone; no new card either.
    await teams.reply(cardId, 'It includes tax lines too.');
    await eventually(() => net.relayedToDiscord(threadId).length === 2, 'both answers in Discord');
    await settle(600);
    expect(teams.connector.callsTo('updateActivity').filter((call) => call.activityId === cardId)).toHaveLength(1);
    expect(teams.connector.callsTo('createConversation')).toHaveLength(cardsBefore);
  });

  it('should keep a code block intact in a <pre> when a customer sends code', async () => {
    const { threadId, cardId } = await net.ask('My build breaks:\n```ts\nconst total = items.reduce((a, b) => a + b, 0);\nif (total < 0 && ok) throw new Error("<bad>");\n```');
    const cardContent = teams.connector.activities.get(`${chain(cardId)}|${cardId}`)?.activity['attachments'];
    expect(JSON.stringify(cardContent)).toContain(JSON.stringify('const total = items.reduce((a, b) => a + b, 0);\nif (total < 0 && ok) throw new Error("<bad>");'));

    net.discord.userSends({ channelId: threadId, content: 'Also this:\n```\nline one\n    indented two\n```\nthanks', author: net.discord.world.users.bob });
    const post = await eventually(() => teams.threadPosts(cardId).find((candidate) => candidate.text.includes('indented two')), 'code follow-up in Teams');

    expect(post.text).toContain('<pre><code>line one\n    indented two</code></pre>');
    expect(post.text).toMatch(/^Also this:/);
    expect(post.text).toMatch(/thanks$/);
    expect(postedActivity(cardId, post.id)?.['textFormat']).toBe('xml');
  });

  it('should notify nobody when a customer types <at>Everyone</at> or @General', async () => {
    const { threadId, cardId } = await net.ask('Mention check');
    net.discord.userSends({ channelId: threadId, content: 'hey <at>Everyone</at> and <at id="0">General</at> and @General @channel', author: net.discord.world.users.bob });
    const post = await eventually(() => teams.threadPosts(cardId)[0], 'follow-up in Teams');
    const activity = postedActivity(cardId, post.id);

    expect(post.text).not.toMatch(/<at[\s>]/i);
    expect(post.text).toContain('&lt;at&gt;Everyone&lt;/at&gt;');
    expect(post.text).toContain('@General @channel');
    const entities = (activity?.['entities'] ?? []) as { type?: string }[];
    expect(entities.filter((entity) => entity.type === 'mention')).toEqual([]);
  });

  it('should post a card and relay the answer into the forum post when a Discord forum post is routed to Teams', async () => {
    const before = new Set(teams.cards().map((card) => card.id));
    const { thread } = net.discord.userCreatesForumPost({ forumId: net.discord.world.ids.forum, title: 'SSO login loops', content: 'After SAML login I land on the login page again.', author: net.discord.world.users.bob });
    const card = await eventually(() => teams.cards().find((candidate) => !before.has(candidate.id)), 'forum card in Teams');
    expect(card.text).toContain('SSO login loops');
    expect(card.text).toContain('After SAML login I land on the login page again.');
    expect(card.text).toContain(thread.id);
    // A forum post is its own thread: Heimo opens none.
    expect(net.discord.requests.some((request) => request.path.endsWith(`/messages/${thread.id}/threads`))).toBe(false);
    await eventually(async () => (await net.db.prisma.threadLink.count({ where: { platform: 'teams', threadId: card.id } })) > 0, 'card link');

    await teams.reply(card.id, `Clear the ${teams.bold('IdP session')} cookie.`);
    const answer = await eventually(() => net.relayedToDiscord(thread.id)[0], 'answer in the forum post');
    expect(answer.content).toContain('Clear the **IdP session** cookie.');
    expect(`${answer.author.username} ${answer.content}`).toMatch(/Alice/);
  });

  it('should not relay an internal note when an employee starts the reply with //', async () => {
    const { threadId, cardId } = await net.ask('Refund please');
    const note = await teams.reply(cardId, '// refund was already issued on the 3rd, double-check with finance');
    await teams.reply(cardId, 'We are checking your refund.');

    const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'public reply in Discord');
    await settle();
    expect(net.relayedToDiscord(threadId)).toHaveLength(1);
    expect(relayed.content).toContain('We are checking your refund.');
    expect(net.discord.messagesIn(threadId).map((message) => message.content).join('\n')).not.toMatch(/finance|already issued/);
    // Heimo took the note (stored as internal) rather than losing it, and posted nothing about it in Teams.
    const stored = await net.db.prisma.message.findFirst({ where: { platform: 'teams', externalId: note } });
    expect(stored?.internal).toBe(true);
    expect(teams.threadPosts(cardId)).toEqual([]);
  });

  it('should drop its own posts when Teams echoes them back to the messaging endpoint', async () => {
    const { threadId, cardId } = await net.ask('Echo over the wire');
    net.discord.userSends({ channelId: threadId, content: 'customer follow-up', author: net.discord.world.users.bob });
    const post = await eventually(() => teams.threadPosts(cardId)[0], 'follow-up in Teams');

    const echoes = await eventually(() => {
      const found = teams.echoes.filter((echo) => echo.id === cardId || echo.id === post.id);
      return found.length === 2 ? found : undefined;
    }, 'card and post echoed');
    expect(echoes.map((echo) => echo.status)).toEqual([200, 200]);
    await settle();
    expect(net.relayedToDiscord(threadId)).toHaveLength(0);
    expect(teams.threadPosts(cardId)).toHaveLength(1);
  });

  it('should report Teams healthy on /healthz when it is the configured employee side', async () => {
    const response = await fetch(`${net.heimo.url}/healthz`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { ok: boolean; checks: Record<string, { ok: boolean }>; unconfigured: string[] };
    expect(report.ok).toBe(true);
    expect(Object.keys(report.checks).sort()).toEqual(['deliveries', 'discord', 'migrations', 'queue', 'teams']);
    expect(report.checks['teams']?.ok).toBe(true);
    expect(report.unconfigured).toEqual(['slack']);
    // Heimo's own tokens came from the HTTPS login authority it trusts through TEAMS_LOGIN_CA_FILE.
    expect(teams.identity.tokenRequests.filter((request) => request.granted).length).toBeGreaterThan(0);
    expect(teams.connector.calls.length).toBeGreaterThan(0);
    expect(teams.connector.calls.filter((call) => call.status === 401)).toEqual([]);
  });

  it('should refuse to start naming TEAMS_LOGIN_CA_FILE when the CA file cannot be read', async () => {
    const start = createHeimo({
      env: { PORT: '0', HOST: '127.0.0.1', ...teams.env, TEAMS_LOGIN_CA_FILE: '/nonexistent/heimo-login-ca.pem' },
      logger: createLogger({ level: 'silent' }),
      database: net.db,
      queues: net.queues,
    });
    const error = await start.then(
      async (heimo) => {
        await heimo.stop();
        return undefined;
      },
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('TEAMS_LOGIN_CA_FILE');
  });
});
