import { describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { spawnHeimo, type HeimoProcess } from './heimo-process.ts';
import { useProcessFixture } from './process-fixture.ts';
import { SUPPORT_CHANNEL } from './process-network.ts';

const fixture = useProcessFixture();

const EMPLOYEE = 'U0EMPLOYEE';
const LATE = /while Heimo was offline/;

describe('heimo after downtime', () => {
  it('should relay once, in order and marked late what customers and employees wrote while Heimo was stopped', async () => {
    const { store, network: net } = await fixture.open();
    net.slack.addUser({ id: EMPLOYEE, realName: 'Erin Employee', displayName: 'Erin' });
    // Every message read from history counts as late here (the default waits a minute).
    const env: Env = { ...store.env, ...net.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', HEIMO_LATE_NOTE_AFTER: '0s' };
    const start = async (): Promise<HeimoProcess> => {
      const heimo = spawnHeimo(['start'], env);
      await heimo.listening();
      net.attach(heimo);
      return heimo;
    };
    const { world } = net.discord;

    const first = await start();
    const asked = await net.ask('The dashboard shows no data');
    net.followUp(asked.threadId, 'since this morning');
    await eventually(() => net.postsContaining(asked.cardTs, 'since this morning').length === 1, 'follow-up relayed live');
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    // Heimo is down: a new forum post with two follow-ups, a follow-up in the old thread, and an employee's answer.
    const { thread } = net.discord.userCreatesForumPost({ forumId: world.ids.forum, title: 'Invoices are missing', content: 'November invoices are not in the portal', author: world.users.bob });
    net.discord.userSends({ channelId: thread.id, content: 'I checked twice', author: world.users.bob });
    net.discord.userSends({ channelId: thread.id, content: 'the October ones are there', author: world.users.bob });
    net.followUp(asked.threadId, 'now it is blank everywhere');
    const answer = await net.slack.userPosts({ channel: SUPPORT_CHANNEL, user: EMPLOYEE, text: 'We are rolling back the release', threadTs: asked.cardTs });
    expect(answer.delivery?.status ?? 0).not.toBe(200); // nobody was listening

    const second = await start();
    const isNewCard = (text: string) => net.slack.messages.filter((message) => message.channel === SUPPORT_CHANNEL && message.threadTs === undefined && message.text.includes(text));
    const card = await eventually(() => isNewCard('Invoices are missing')[0], 'card of the forum post written while Heimo was down', 30_000);
    await eventually(() => net.postsContaining(card.ts, 'the October ones are there').length === 1, 'the forum follow-ups relayed', 30_000);
    await eventually(() => net.postsContaining(asked.cardTs, 'now it is blank everywhere').length === 1, 'the old thread follow-up relayed', 30_000);
    const relayedAnswer = await eventually(
      () => net.discord.messagesIn(asked.threadId).find((message) => message.webhook_id !== undefined && message.content.includes('We are rolling back the release')),
      'the employee answer relayed to Discord',
      30_000,
    );
    await settle(1_500);

    // Once each, in the order written, each saying it was written while Heimo was offline.
    expect(isNewCard('Invoices are missing')).toHaveLength(1);
    const cardView = JSON.stringify(net.slack.message(SUPPORT_CHANNEL, card.ts));
    expect(cardView).toContain('November invoices are not in the portal');
    expect(cardView).toMatch(LATE);
    const replies = net.slack.thread(SUPPORT_CHANNEL, card.ts).slice(1).map((message) => message.text);
    expect(replies.filter((text) => text.includes('I checked twice') || text.includes('the October ones are there')).map((text) => (text.includes('twice') ? 1 : 2))).toEqual([1, 2]);
    for (const text of replies) expect(text).toMatch(LATE);
    expect(net.postsContaining(asked.cardTs, 'now it is blank everywhere')).toHaveLength(1);
    expect(net.postsContaining(asked.cardTs, 'now it is blank everywhere')[0]?.text).toMatch(LATE);
    expect(net.postsContaining(asked.cardTs, 'since this morning')).toHaveLength(1);
    expect(net.postsContaining(asked.cardTs, 'since this morning')[0]?.text).not.toMatch(LATE);
    expect(net.discord.messagesIn(asked.threadId).filter((message) => message.content.includes('We are rolling back the release'))).toHaveLength(1);
    expect(relayedAnswer.content).toMatch(LATE);
    expect(second.logs.some((line) => line.msg.startsWith('discord: read what was written') && Number(line['relayed']) === 4)).toBe(true);
    expect(second.logs.some((line) => line.msg.startsWith('slack: read what was written') && Number(line['relayed']) === 1)).toBe(true);

    // A restart with nothing missed relays nothing again.
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    const third = await start();
    await third.waitForLog((line) => line.msg.startsWith('discord: read what was written'), 'the third start caught up', 30_000);
    await settle(1_000);
    expect(isNewCard('Invoices are missing')).toHaveLength(1);
    expect(net.postsContaining(card.ts, 'I checked twice')).toHaveLength(1);
    expect(net.discord.messagesIn(asked.threadId).filter((message) => message.content.includes('We are rolling back the release'))).toHaveLength(1);
    expect(await third.stop()).toEqual({ code: 0, signal: null });
  }, 240_000);
});
