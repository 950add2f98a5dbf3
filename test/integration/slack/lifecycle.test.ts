import { afterEach, describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../bots/slack/create-slack-bot.ts';
import { PlatformRejectedError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { cardView, SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor } from './harness.ts';

const silent = createLogger({ level: 'silent' });

describe('slack bot lifecycle', () => {
  let h: SlackHarness | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await h?.close();
    await fake?.close();
    h = undefined;
    fake = undefined;
  });

  it('should be healthy after start when auth.test answered, and Bolt should call auth.test no more', async () => {
    h = await startSlackHarness();
    expect(h.bot.health()).toEqual({ ok: true, detail: 'connected as U0HEIMO' });
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: 'C0TRIAGE' }, cardView());
    await h.fake.userPosts({ channel: 'C0TRIAGE', user: 'U0ALICE', text: 'hi', threadTs: card.threadId });
    await waitFor(() => h?.events.length === 1, 'event');
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('should reject start and report unhealthy when Slack refuses the token', async () => {
    fake = await createFakeSlack();
    const bot = createSlackBot({ botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, logger: silent });
    const error = await bot.start(async () => ({ status: 'unlinked', reason: 'test' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ context: { method: 'auth.test', error: 'invalid_auth' } });
    expect(bot.health().ok).toBe(false);
    expect(bot.health().detail).toContain('invalid_auth');
    await bot.stop();
  });

  it('should reject start with a retryable error when Slack is unreachable', async () => {
    fake = await createFakeSlack();
    const apiUrl = fake.apiUrl;
    await fake.close();
    fake = undefined;
    const bot = createSlackBot({ botToken: 'xoxb-x', signingSecret: SIGNING_SECRET, apiUrl, logger: silent });
    await expect(bot.start(async () => ({ status: 'unlinked', reason: 'test' }))).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'auth.test' } });
  });

  it('should stop serving events and tolerate a second stop when stopped twice', async () => {
    h = await startSlackHarness();
    await h.bot.stop();
    await h.bot.stop();
    expect(h.bot.health()).toEqual({ ok: false, detail: 'stopped' });
    const response = await fetch(h.eventsUrl, { method: 'POST', body: '{}' });
    expect(response.status).toBe(503);
  });

  it('should turn unhealthy and keep the delivery waiting as for an outage when a delivery finds the token revoked', async () => {
    h = await startSlackHarness();
    h.fake.failNext('chat.postMessage', { error: 'token_revoked' });
    // Every delivery fails alike until an operator fixes the token: they wait, none becomes a dead letter.
    await expect(h.bot.delivery.postCard({ platform: 'slack', channelId: 'C0TRIAGE' }, cardView())).rejects.toMatchObject({
      code: 'PLATFORM_UNAVAILABLE',
      context: { error: 'token_revoked' },
    });
    expect(h.bot.health()).toEqual({ ok: false, detail: 'slack rejected the token: token_revoked' });
  });
});
