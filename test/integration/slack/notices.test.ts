import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmChannelOf } from '../../fakes/slack/fake-slack.ts';
import { cardView } from './harness.ts';
import { CARDS, type CommandHarness, PEOPLE, startCommandHarness } from './command-world.ts';

const destination = { platform: 'slack' as const, channelId: CARDS };
const notice = (overrides: { idempotencyKey?: string; isRetry?: boolean; text?: string; mention?: string } = {}) => ({ text: '**Billing** missed a target', idempotencyKey: 'notice-1', isRetry: false, ...overrides });

describe('slack notices', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await startCommandHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('should post a notice in the channel, tagged, when no thread is given', async () => {
    const ts = await h.bot.delivery.postNotice?.(destination, notice());

    const posted = h.fake.message(CARDS, ts ?? '');
    expect(posted).toMatchObject({ text: '*Billing* missed a target', metadata: { event_type: 'heimo_notice', event_payload: { key: 'notice-1' } } });
    expect(posted?.threadTs).toBeUndefined();
  });

  it('should ping the configured user group, person or channel as Slack mentions when a notice has a mention', async () => {
    const texts: string[] = [];
    for (const mention of ['S0LEADS', 'U0LEAD', '<!subteam^S0OTHERS>', 'here', 'leads <team>']) {
      const ts = await h.bot.delivery.postNotice?.(destination, notice({ idempotencyKey: `notice-${mention}`, mention }));
      texts.push(h.fake.message(CARDS, ts ?? '')?.text ?? '');
    }

    expect(texts).toEqual([
      '<!subteam^S0LEADS> *Billing* missed a target',
      '<@U0LEAD> *Billing* missed a target',
      '<!subteam^S0OTHERS> *Billing* missed a target',
      '<!here> *Billing* missed a target',
      'leads &lt;team&gt; *Billing* missed a target',
    ]);
  });

  it("should post the notice in the card's thread when a thread is given", async () => {
    const card = await h.bot.delivery.postCard(destination, cardView());
    const ts = await h.bot.delivery.postNotice?.(destination, notice({ text: 'Moved to Billing' }), card);

    expect(h.fake.thread(CARDS, card.threadId).map((message) => message.ts)).toEqual([card.cardMessageId, ts]);
  });

  it('should return the earlier post instead of posting again when a retry finds it', async () => {
    const card = await h.bot.delivery.postCard(destination, cardView());
    const first = await h.bot.delivery.postNotice?.(destination, notice(), card);
    const again = await h.bot.delivery.postNotice?.(destination, notice({ isRetry: true }), card);
    const inChannel = await h.bot.delivery.postNotice?.(destination, notice({ idempotencyKey: 'notice-2' }));
    const channelAgain = await h.bot.delivery.postNotice?.(destination, notice({ idempotencyKey: 'notice-2', isRetry: true }));

    expect(again).toBe(first);
    expect(channelAgain).toBe(inChannel);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('should post a retried notice when the earlier attempt never reached Slack', async () => {
    const ts = await h.bot.delivery.postNotice?.(destination, notice({ isRetry: true }));

    expect(h.fake.message(CARDS, ts ?? '')?.text).toContain('missed a target');
  });

  it('should open a direct conversation and post there when telling one person', async () => {
    await h.bot.delivery.postDirect?.(PEOPLE.staff.id, notice({ text: 'You were given **Login fails**' }));

    expect(h.fake.callsTo('conversations.open')[0]?.params).toMatchObject({ users: PEOPLE.staff.id });
    const dm = h.fake.messages.filter((message) => message.channel === dmChannelOf(PEOPLE.staff.id));
    expect(dm.map((message) => message.text)).toEqual(['You were given *Login fails*']);
  });

  it('should fail with the platform refusal when the person does not exist', async () => {
    await expect(h.bot.delivery.postDirect?.('U0NOBODY', notice())).rejects.toMatchObject({ code: 'PLATFORM_REJECTED' });
  });
});
