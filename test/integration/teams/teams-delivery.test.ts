import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../core/domain/types.ts';
import { HeimoError } from '../../../core/errors.ts';
import { longText, message, view } from './delivery-fixtures.ts';
import { APP, eachTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams delivery (real botbuilder ConnectorClient against the fake connector and login authority)', () => {
  let h: TeamsHarness;
  let destination: Destination;
  eachTeamsHarness((harness, channel) => {
    h = harness;
    destination = channel;
  });

  const cardContent = (body: Record<string, unknown> | undefined, path: 'activity' | 'root'): string => {
    const activity = (path === 'activity' ? body?.['activity'] : body) as { attachments?: { contentType: string; content: unknown }[] };
    expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return JSON.stringify(activity.attachments?.[0]?.content);
  };

  it('should create a new reply chain in the channel holding an Adaptive Card with asker, community, link and status', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());

    const [create] = h.connector.callsTo('createConversation');
    expect(create?.status).toBe(201);
    expect(create?.body?.['channelData']).toMatchObject({ channel: { id: h.scene.channelId }, tenant: { id: APP.tenantId } });
    const card = cardContent(create?.body, 'activity');
    for (const expected of ['Cara Customer', 'Acme Community', 'Login fails after update', 'Open', 'Open in Discord', 'https://discord.com/channels/1/2/3', 'CodeBlock']) {
      expect(card).toContain(expected);
    }
    const [root] = h.connector.thread(h.scene.channelId, ref.threadId);
    expect(ref).toEqual({ channelId: h.scene.channelId, threadId: root?.id, cardMessageId: root?.id });
  });

  it('should show the question once with Teams markdown, a plain title and the status once when the card is posted', async () => {
    const text = 'How do I reset my **password** with `heimo`?\nThe *reset* link says **expired**.';
    await h.bot.delivery.postCard(destination, view({ title: 'How do I reset my password with heimo?', text }));

    const [create] = h.connector.callsTo('createConversation');
    const content = JSON.parse(cardContent(create?.body, 'activity')) as { body: Array<Record<string, unknown>> };
    const texts = content.body.flatMap((element) => (typeof element['text'] === 'string' ? [element['text']] : []));
    expect(texts).toEqual(['How do I reset my password with heimo?', 'Status: Open', 'The _reset_ link says **expired**.']);
    const all = JSON.stringify(content);
    expect(all.match(/\bOpen\b/g)).toHaveLength(2); // the status line and the "Open in Discord" button
    expect(all.match(/reset my password/g)).toHaveLength(1);
    expect(all).not.toContain('`');
  });

  it('should authenticate to the connector with a token from TEAMS_LOGIN_URL when it posts', async () => {
    await h.bot.delivery.postCard(destination, view());

    expect(h.identity.tokenRequests).toEqual([{ tenant: APP.tenantId, clientId: h.appId, scope: 'https://api.botframework.com/.default', granted: true }]);
    const [token] = [...h.identity.issuedTokens];
    expect(h.connector.callsTo('createConversation')[0]?.authorization).toBe(`Bearer ${token}`);
  });

  it('should not create a second card when a retry repeats a card that was already posted', async () => {
    const first = await h.bot.delivery.postCard(destination, view());

    const again = await h.bot.delivery.postCard(destination, view({ isRetry: true }));

    expect(again).toEqual(first);
    expect(h.connector.callsTo('createConversation')).toHaveLength(1);
  });

  it('should replace the card in place when the status changes', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());

    await h.bot.delivery.updateCard(destination, ref, view({ status: 'resolved', idempotencyKey: 'card-entry-2' }));

    const [update] = h.connector.callsTo('updateActivity');
    expect(update).toMatchObject({ status: 200, conversationId: `${h.scene.channelId};messageid=${ref.threadId}`, activityId: ref.cardMessageId });
    expect(cardContent(update?.body, 'root')).toContain('Resolved');
    expect(h.connector.activities.get(`${h.scene.channelId};messageid=${ref.threadId}|${ref.cardMessageId}`)?.updates).toBe(1);
  });

  it('should reply in the card chain with the author in bold, code intact and typed mentions escaped', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());

    const ids = await h.bot.delivery.postMessage(ref, message());

    const [sent] = h.connector.callsTo('sendToConversation');
    expect(sent?.conversationId).toBe(`${h.scene.channelId};messageid=${ref.threadId}`);
    const text = String(sent?.body?.['text']);
    expect(sent?.body?.['textFormat']).toBe('xml');
    expect(text.startsWith('<b>Cara &lt;Customer&gt;</b><br>')).toBe(true);
    expect(text).toContain('<pre><code>const ok = a &lt; b &amp;&amp; c &gt; d;</code></pre>');
    expect(text).toContain('&lt;at&gt;Erin Employee&lt;/at&gt;');
    expect(text).not.toMatch(/<at[\s>]/);
    expect(sent?.body?.['entities']).toBeUndefined();
    expect(ids).toEqual([h.connector.thread(h.scene.channelId, ref.threadId)[1]?.id]);
  });

  it('should mark an internal note as such when it posts one', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());

    await h.bot.delivery.postMessage(ref, message({ internal: true, author: { displayName: 'Erin' }, text: 'checked the logs' }));

    expect(String(h.connector.callsTo('sendToConversation')[0]?.body?.['text'])).toContain('<b>Erin</b> <i>(internal note)</i><br>');
  });

  it('should split a message over 25,000 characters into parts and return every part id in order', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());

    const ids = await h.bot.delivery.postMessage(ref, message({ text: longText(6) }));

    const sent = h.connector.callsTo('sendToConversation');
    expect(ids).toHaveLength(sent.length);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.every((call) => Buffer.byteLength(String(call.body?.['text'])) <= 26_000)).toBe(true);
    expect(sent.map((call) => String(call.body?.['text']).match(/Paragraph \d/g)).flat()).toEqual(['Paragraph 0', 'Paragraph 1', 'Paragraph 2', 'Paragraph 3', 'Paragraph 4', 'Paragraph 5']);
  });

  it('should send only the missing parts when a retry follows a post that broke halfway', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());
    h.connector.failNext({ status: 500 }, 1, 1);

    await expect(h.bot.delivery.postMessage(ref, message({ text: longText(6) }))).rejects.toBeInstanceOf(HeimoError);
    const ids = await h.bot.delivery.postMessage(ref, message({ text: longText(6), isRetry: true }));

    const calls = h.connector.callsTo('sendToConversation');
    expect(calls.map((call) => call.status)).toEqual([201, 500, 201, 201]);
    expect(calls.filter((call) => call.status === 201).map((call) => String(call.body?.['text']).match(/Paragraph \d/)?.[0])).toEqual([
      'Paragraph 0',
      'Paragraph 2',
      'Paragraph 4',
    ]);
    expect(ids).toEqual(h.connector.thread(h.scene.channelId, ref.threadId).slice(1).map((held) => held.id));
  });

  it('should update the parts in place, post added parts and delete dropped ones when a message is edited', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());
    const long = await h.bot.delivery.postMessage(ref, message({ text: longText(6) }));

    const short = await h.bot.delivery.editMessage(ref, long, message({ text: 'Never mind, **fixed**', idempotencyKey: 'edit-1' }));
    const longAgain = await h.bot.delivery.editMessage(ref, short, message({ text: longText(6), idempotencyKey: 'edit-2' }));

    expect(short).toEqual([long[0]]);
    expect(h.connector.callsTo('deleteActivity').map((call) => call.activityId)).toEqual(long.slice(1));
    expect(String(h.connector.callsTo('updateActivity')[0]?.body?.['text'])).toContain('Never mind, <b>fixed</b>');
    expect(longAgain).toHaveLength(long.length);
    expect(longAgain[0]).toBe(long[0]);
    expect(h.connector.thread(h.scene.channelId, ref.threadId).map((held) => held.id)).toEqual([ref.threadId, ...longAgain]);
  });

  it('should delete every part and treat a part already gone as deleted', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());
    const ids = await h.bot.delivery.postMessage(ref, message());

    await h.bot.delivery.deleteMessage(ref, [...ids, '999-already-gone']);

    expect(h.connector.callsTo('deleteActivity').map((call) => call.status)).toEqual([200, 404]);
    expect(h.connector.thread(h.scene.channelId, ref.threadId)).toHaveLength(1);
  });
});
