import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelReply, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { EMPLOYEE, startTeamsHarness, type TeamsHarness } from './harness.ts';

type Activity = Record<string, unknown>;
const without = (key: string) => (activity: Activity): Activity => {
  const copy = { ...activity };
  delete copy[key];
  return copy;
};
const set = (key: string, value: unknown) => (activity: Activity): Activity => ({ ...activity, [key]: value });

// Each got 500 from the adapter with a valid token (issue 13).
const MALFORMED: Array<[string, (activity: Activity) => Activity]> = [
  ['conversation is missing', without('conversation')],
  ['from is missing', without('from')],
  ['recipient is missing', without('recipient')],
  ['attachments hold a null', (activity) => ({ ...activity, attachments: [null, ...(activity['attachments'] as unknown[])] })],
  ['entities hold a null', set('entities', [null])],
  ['reactionsAdded holds a null', (activity) => ({ ...activity, type: 'messageReaction', reactionsAdded: [null] })],
  ['reactionsRemoved is an object', (activity) => ({ ...activity, type: 'messageReaction', reactionsRemoved: { type: 'like' } })],
  ['text is a number', set('text', 42)],
  ['from is a string', set('from', 'erin')],
  ['conversation id is an object', set('conversation', { id: {}, conversationType: 'channel' })],
  ['channelData is an array', set('channelData', [])],
  ['attachments is an object', set('attachments', { contentType: 'text/html' })],
  ['id is a number', set('id', 7)],
  ['channelId is null', set('channelId', null)],
  ['channelId is empty', set('channelId', '')],
  ['conversation id is empty', set('conversation', { id: '', conversationType: 'channel' })],
  ['from id is empty', set('from', { id: '', name: 'Erin' })],
];

describe('Teams endpoint with hostile input (valid token)', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => h.close());
  afterEach(() => {
    h.events.length = 0;
  });

  const reply = (html = '<p>hello</p>'): Activity => channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html });
  const stillRelays = async (): Promise<void> => {
    const result = await sendActivity(h.botUrl, reply('<p>still here</p>'), await h.token());
    expect(result.status).toBe(200);
    expect(h.events.at(-1)).toMatchObject({ type: 'message.posted', text: 'still here' });
  };

  it.each(MALFORMED)('should answer 400 and keep serving when %s', async (_name, mutate) => {
    const result = await sendActivity(h.botUrl, mutate(reply()), await h.token());

    expect(result.status).toBe(400);
    expect(h.events).toEqual([]);
    const refused = h.logs.filter((line) => line['msg'] === 'malformed Teams activity refused');
    expect(refused.at(-1)).toMatchObject({ level: 'warn', reason: expect.any(String) });
    expect(JSON.stringify(refused)).not.toContain('hello');
    await stillRelays();
  });

  it.each([['missing', without('channelId')], ['a number', set('channelId', 42)]])(
    // 401 where the token's endorsements are checked against it, 400 where the token was verified before.
    'should refuse it with 400 or 401, never 500, when channelId is %s',
    async (_name, mutate) => {
      const result = await sendActivity(h.botUrl, mutate(reply()), await h.token());

      expect([400, 401]).toContain(result.status);
      expect(h.events).toEqual([]);
      await stillRelays();
    },
  );

  it('should answer 413 when an activity is larger than any Teams sends', async () => {
    const huge = reply(`<p>${'x'.repeat(5 * 1024 * 1024)}</p>`);

    const result = await sendActivity(h.botUrl, huge, await h.token());

    expect(result.status).toBe(413);
    await stillRelays();
  });

  it('should answer within seconds and relay a bounded text when the HTML body is pathological', async () => {
    const html = `<p>${'<b>a</b> '.repeat(50_000)}</p>`;
    const started = Date.now();
    const result = await sendActivity(h.botUrl, reply(html), await h.token());

    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    const text = h.events.at(-1)?.type === 'message.posted' ? (h.events.at(-1) as { text: string }).text : '';
    expect(text.length).toBeLessThanOrEqual(100_001);
    await stillRelays();
  });
});
