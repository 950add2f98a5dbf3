import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetwork, type Network } from '../e2e/network-harness.ts';
import { eventually, settle } from '../support/eventually.ts';
import type { EmployeeSide } from './employee-side.ts';

/** Matches the card's status ("Status: Open" in Teams, Slack's ":emoji: Open" or "Status: :emoji: Open"), not other words. */
export const statusIs = (status: string): RegExp => new RegExp(`(status:?\\s*|:[a-z_]+:\\s*)${status}`, 'i');

/**
 * The behaviour every employee-side bot must show end to end, through the real SDKs, the
 * database and the queue: Slack and Teams both run it.
 */
export function describeEmployeeContract(name: string, createSide: () => Promise<EmployeeSide>): void {
  describe(`${name}: employee-side contract`, () => {
    let net: Network;

    beforeAll(async () => {
      net = await startNetwork(await createSide());
    });
    afterAll(async () => {
      await net?.close();
    });

    it('should post a card with asker, community, link and status when a customer asks in the help channel', async () => {
      const { threadId, cardId } = await net.ask('How do I rotate my API key?\nI tried the dashboard.');
      const card = net.side.cards().find((candidate) => candidate.id === cardId);
      expect(card?.text).toContain('How do I rotate my API key?');
      expect(card?.text).toContain('Bobby');
      expect(card?.text).toContain('Acme Community');
      expect(card?.text).toContain(threadId);
      expect(card?.text).toMatch(statusIs('open'));
    });

    it('should title the Discord thread and the card with the plain first line when the question has markdown', async () => {
      const { threadId, cardId } = await net.ask('How do I reset my **password** with `heimo reset`?\nThe link says it *expired*.');
      expect(net.discord.world.channels.get(threadId)?.name).toBe('How do I reset my password with heimo reset?');
      const card = net.side.cards().find((candidate) => candidate.id === cardId)?.text ?? '';
      expect(card).toContain('How do I reset my password with heimo reset?');
      expect(card).toContain('expired');
      expect(card).not.toContain('**password**');
      expect(card).not.toContain('`');
    });

    it('should relay an employee answer to the Discord thread under the employee name when an employee replies', async () => {
      const { threadId, cardId } = await net.ask('Where are the logs?');
      await net.side.reply(cardId, `Look under ${net.side.bold('Settings → Logs')}.`);
      const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'answer in Discord');
      expect(relayed.content).toContain('**Settings → Logs**');
      expect(`${relayed.author.username} ${relayed.content}`).toMatch(/Alice/);
      await eventually(() => statusIs('answered').test(net.side.cards().find((card) => card.id === cardId)?.text ?? ''), 'card shows answered');
    });

    it('should relay customer follow-ups in order when the customer writes several times', async () => {
      const { threadId, cardId } = await net.ask('Deploy fails');
      const texts = ['first detail', 'second detail', 'third detail', 'fourth detail', 'fifth detail'];
      for (const content of texts) net.discord.userSends({ channelId: threadId, content, author: net.discord.world.users.bob });
      const posts = await eventually(() => {
        const found = net.side.threadPosts(cardId);
        return found.length >= texts.length ? found : undefined;
      }, 'follow-ups on the employee side');
      expect(posts.map((post) => texts.find((text) => post.text.includes(text)))).toEqual(texts);
      expect(posts[0]?.author).toMatch(/Bobby/);
    });

    it('should deliver employee replies in order when an employee sends several quickly', async () => {
      const { threadId, cardId } = await net.ask('Order check');
      const texts = ['step one', 'step two', 'step three', 'step four'];
      for (const text of texts) await net.side.reply(cardId, text);
      const relayed = await eventually(() => {
        const found = net.relayedToDiscord(threadId);
        return found.length >= texts.length ? found : undefined;
      }, 'all replies in Discord');
      expect(relayed.map((message) => texts.find((text) => message.content.includes(text)))).toEqual(texts);
    });

    it('should follow an edit and a delete when the employee changes an answer', async () => {
      const { threadId, cardId } = await net.ask('Edit flow');
      const replyId = await net.side.reply(cardId, 'version one');
      const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'answer in Discord');
      await net.side.edit(cardId, replyId, 'version two');
      await eventually(() => net.discord.messagesIn(threadId).find((message) => message.id === relayed.id)?.content.includes('version two'), 'edit in Discord');
      await net.side.remove(cardId, replyId);
      await eventually(() => !net.discord.messagesIn(threadId).some((message) => message.id === relayed.id), 'delete in Discord');
    });

    it('should follow an edit and a delete when the customer changes a follow-up', async () => {
      const { threadId, cardId } = await net.ask('Customer edit flow');
      const followUp = net.discord.userSends({ channelId: threadId, content: 'typo here', author: net.discord.world.users.bob });
      const post = await eventually(() => net.side.threadPosts(cardId).find((candidate) => candidate.text.includes('typo here')), 'follow-up posted');
      net.discord.userEdits({ channelId: threadId, messageId: followUp.id, content: 'fixed text' });
      await eventually(() => net.side.threadPosts(cardId).find((candidate) => candidate.id === post.id)?.text.includes('fixed text'), 'edit on the employee side');
      net.discord.userDeletes({ channelId: threadId, messageId: followUp.id });
      await eventually(() => !net.side.threadPosts(cardId).some((candidate) => candidate.id === post.id), 'delete on the employee side');
    });

    it('should apply an edit that follows its post at once when the customer edits immediately', async () => {
      const { threadId, cardId } = await net.ask('Quick edit');
      const followUp = net.discord.userSends({ channelId: threadId, content: 'fast typo', author: net.discord.world.users.bob });
      net.discord.userEdits({ channelId: threadId, messageId: followUp.id, content: 'fast fix' });
      await eventually(() => net.side.threadPosts(cardId).find((post) => post.text.includes('fast fix')), 'edited follow-up on the employee side');
      expect(net.side.threadPosts(cardId).filter((post) => post.text.includes('fast'))).toHaveLength(1);
    });

    // Heimo records a copy just after the platform answers the post: a reaction before that finds no
    // message of Heimo's (a person cannot react that fast; a test can), so reactions wait for it.
    const copyRecorded = (externalId: string) =>
      eventually(async () => (await net.db.pool.query(`SELECT 1 FROM "MessageCopy" WHERE "externalId" = $1::text`, [externalId])).rows.length > 0 || undefined, 'the copy recorded');

    it('should mirror an employee reaction onto the customer message when an employee reacts on its copy and takes it back', async () => {
      const { threadId, cardId } = await net.ask('Reaction from the employee side');
      const followUp = net.discord.userSends({ channelId: threadId, content: 'it crashes on start', author: net.discord.world.users.bob });
      const copy = await eventually(() => net.side.threadPosts(cardId).find((post) => post.text.includes('it crashes on start')), 'follow-up on the employee side');
      await copyRecorded(copy.id);
      await net.side.react(cardId, copy.id, '👀', true);
      await eventually(() => net.discord.botReactions(threadId, followUp.id).includes('👀'), 'reaction in Discord');
      await net.side.react(cardId, copy.id, '👀', false);
      await eventually(() => net.discord.botReactions(threadId, followUp.id).length === 0, 'reaction taken back in Discord');
      // Heimo's own reaction in Discord comes back as an event: it must not bounce to the employee side.
      await settle(400);
      expect(net.side.botReactions(cardId, copy.id)).toEqual([]);
    });

    it('should mirror an employee reaction on the card onto the question when an employee reacts on the card', async () => {
      const { question, cardId } = await net.ask('Reaction on the card');
      await net.side.react(cardId, cardId, '👍', true);
      await eventually(() => net.discord.botReactions(question.channel_id, question.id).includes('👍'), 'reaction on the question');
    });

    it('should mirror customer reactions onto the answer while any customer holds them when the platform lets bots react', async () => {
      const { question, threadId, cardId } = await net.ask('Reaction from the customer side');
      const replyId = await net.side.reply(cardId, 'try turning it off and on');
      const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'answer in Discord');
      await copyRecorded(relayed.id);
      const { bob, carol } = net.discord.world.users;
      net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: bob });
      net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: carol });
      net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: bob, added: false });
      if (!net.side.canReact) {
        await settle(600);
        const { rows } = await net.db.pool.query(`SELECT COUNT(*)::int AS "n" FROM "OutboxEntry" WHERE "kind" LIKE 'reaction.%' AND "platform" = 'teams'`);
        expect(rows[0]).toEqual({ n: 0 });
        return;
      }
      await eventually(() => net.side.botReactions(cardId, replyId).includes('🎉'), 'reaction on the employee side');
      await settle(400);
      // Carol still holds it: Bob taking his back leaves Heimo's mirror in place.
      expect(net.side.botReactions(cardId, replyId)).toEqual(['🎉']);
      net.discord.userReacts({ channelId: threadId, messageId: relayed.id, emoji: '🎉', user: carol, added: false });
      await eventually(() => net.side.botReactions(cardId, replyId).length === 0, 'reaction gone on the employee side');
      // The card stands for the question: a reaction on the question lands on the card.
      net.discord.userReacts({ channelId: question.channel_id, messageId: question.id, emoji: '❤️', user: bob });
      await eventually(() => net.side.botReactions(cardId, cardId).some((emoji) => emoji.startsWith('❤')), 'reaction on the card');
    });

    it('should keep a note internal when the reply starts with an internal marker', async () => {
      const { threadId, cardId } = await net.ask('Internal note check');
      await net.side.reply(cardId, '// customer is on the legacy plan, check billing first');
      await net.side.reply(cardId, 'note: escalate if this repeats');
      await net.side.reply(cardId, 'Thanks, we are looking into it.');
      const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'public reply relayed');
      await settle();
      expect(net.relayedToDiscord(threadId)).toHaveLength(1);
      expect(relayed.content).toContain('Thanks, we are looking into it.');
      expect(net.discord.messagesIn(threadId).map((message) => message.content).join('\n')).not.toMatch(/legacy plan|escalate/);
    });

    it('should keep a note internal when invisible characters or full-width letters come before the marker', async () => {
      const { threadId, cardId } = await net.ask('Hidden marker check');
      for (const hidden of ['\u200B', '\u200D', '\u200F', '\u2060', '\uFEFF', ' \u200B ']) await net.side.reply(cardId, `${hidden}note: secret ${hidden.codePointAt(0)}`);
      await net.side.reply(cardId, '\uFF4E\uFF4F\uFF54\uFF45: full-width secret');
      await net.side.reply(cardId, 'public after hidden notes');
      await eventually(() => net.relayedToDiscord(threadId).length > 0, 'public reply relayed');
      await settle();
      expect(net.relayedToDiscord(threadId).map((message) => message.content)).toEqual([expect.stringContaining('public after hidden notes')]);
    });

    it('should store and relay text without its NUL characters when an employee reply contains NUL', async () => {
      const { threadId, cardId } = await net.ask('NUL check');
      await net.side.reply(cardId, 'before\u0000after \uD800lone');
      const relayed = await eventually(() => net.relayedToDiscord(threadId)[0], 'reply with NUL relayed');
      expect(relayed.content).toContain('beforeafter lone');
    });

    it('should not post a reply that shows nothing when an employee sends only whitespace', async () => {
      const { threadId, cardId } = await net.ask('Whitespace check');
      await net.side.reply(cardId, ' \u200B\n\u00A0 ');
      await net.side.reply(cardId, 'visible reply');
      await eventually(() => net.relayedToDiscord(threadId).length > 0, 'visible reply relayed');
      await settle();
      expect(net.relayedToDiscord(threadId).map((message) => message.content)).toEqual([expect.stringContaining('visible reply')]);
    });

    it('should never relay its own posts back when the platforms echo them', async () => {
      const { threadId, cardId } = await net.ask('Echo check');
      net.discord.userSends({ channelId: threadId, content: 'customer line', author: net.discord.world.users.bob });
      await net.side.reply(cardId, 'employee line');
      await eventually(() => net.relayedToDiscord(threadId).length === 1 && net.side.threadPosts(cardId).length === 1, 'one relay each way');
      await settle(600);
      expect(net.relayedToDiscord(threadId)).toHaveLength(1);
      expect(net.side.threadPosts(cardId)).toHaveLength(1);
    });

    it('should post once when the platform redelivers the same event', async () => {
      const { threadId, cardId } = await net.ask('Redelivery check');
      await net.side.reply(cardId, 'only once please');
      await eventually(() => net.relayedToDiscord(threadId).length === 1, 'answer relayed');
      await net.side.redeliverLast();
      await net.side.redeliverLast();
      await settle(600);
      expect(net.relayedToDiscord(threadId)).toHaveLength(1);
    });

    it('should retry and deliver once when the platform answers 429 and then 500', async () => {
      const { threadId, cardId } = await net.ask('Flaky platform');
      const before = net.side.postAttempts();
      net.side.failNextPost(429);
      net.side.failNextPost(500);
      net.discord.userSends({ channelId: threadId, content: 'please arrive once', author: net.discord.world.users.bob });
      await eventually(() => net.side.threadPosts(cardId).find((post) => post.text.includes('please arrive once')), 'follow-up after failures', 20_000);
      await settle();
      expect(net.side.threadPosts(cardId).filter((post) => post.text.includes('please arrive once'))).toHaveLength(1);
      expect(net.side.postAttempts() - before).toBeGreaterThanOrEqual(3);
    });
  });
}
