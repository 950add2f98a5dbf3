import { afterEach, describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../bots/slack/create-slack-bot.ts';
import { ConfigError, PlatformRejectedError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { settle } from '../../support/eventually.ts';
import { cardView, type SlackHarness, startSlackHarness, USERS, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const silent = createLogger({ level: 'silent' });
const CONNECTED = { ok: true, detail: 'connected as U0HEIMO over Socket Mode' };

describe('slack Socket Mode connection', () => {
  let h: SlackHarness | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await h?.close();
    await fake?.close();
    h = undefined;
    fake = undefined;
  });

  const socketBot = (slack: FakeSlack, appToken: string) => createSlackBot({ botToken: slack.token, appToken, apiUrl: slack.apiUrl, logger: silent });

  it('should report healthy over Socket Mode and never log the app token or the socket ticket when connected', async () => {
    h = await startSlackHarness({ socketMode: true });
    expect(h.bot.health()).toEqual(CONNECTED);
    expect(h.fake.sockets()).toEqual({ opened: 1, open: 1 });
    const logged = JSON.stringify(h.logs);
    expect(logged).toContain('apps.connections.open');
    expect(logged).not.toContain(h.fake.appToken);
    expect(logged).not.toContain('xapp-');
    expect(logged).not.toContain('ticket=');
  });

  it('should reconnect through a new apps.connections.open and take later events when the socket drops', async () => {
    h = await startSlackHarness({ socketMode: true });
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
    h.fake.dropSocket();
    await waitFor(() => h?.fake.sockets().opened === 2 && h.fake.sockets().open === 1 && h.bot.health().ok, 'a second connection');
    expect(h.fake.callsTo('apps.connections.open')).toHaveLength(2);
    const { delivery } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'after the drop', threadTs: card.threadId });
    expect(delivery?.status).toBe(200);
    expect(h.events.map((event) => event.type === 'message.posted' && event.text)).toEqual(['after the drop']);
  });

  it('should reconnect when Slack asks the client to move to another server', async () => {
    h = await startSlackHarness({ socketMode: true });
    h.fake.dropSocket('disconnect');
    // The fake counts a socket once it accepts it; the client is connected only after Slack's hello.
    await waitFor(() => h?.fake.sockets().opened === 2 && h.fake.sockets().open === 1 && h.bot.health().ok, 'a second connection');
    expect(h.bot.health()).toEqual(CONNECTED);
  });

  it('should report the socket down and keep retrying when a reconnect is refused, then recover and deliver what waited', async () => {
    h = await startSlackHarness({ socketMode: true });
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      h.fake.failNext('apps.connections.open', { error: 'invalid_auth' });
      h.fake.failNext('apps.connections.open', { status: 500 });
      h.fake.dropSocket();
      const down = await waitFor(() => (h?.bot.health().ok === false ? h.bot.health() : undefined), 'health turns red');
      expect(down.detail).toMatch(/^slack socket (disconnected; reconnecting|reconnect failed: .*)$/);
      const refused = await waitForLog(h, 'slack socket could not reconnect; retrying');
      expect(refused).toMatchObject({ level: 'error', error: { code: 'PLATFORM_REJECTED', message: 'slack rejected the request: apps.connections.open: invalid_auth' } });
      // Slack keeps events while no socket is open and sends them on the next connection.
      const posting = h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'while down', threadTs: card.threadId });
      await waitForLog(h, 'slack socket reconnected');
      expect(h.bot.health()).toEqual(CONNECTED);
      expect((await posting).delivery?.status).toBe(200);
      expect(h.fake.callsTo('apps.connections.open').map((call) => call.error ?? call.status)).toEqual([200, 'invalid_auth', 500, 200]);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('should close the socket, report stopped and not reconnect when stopped', async () => {
    h = await startSlackHarness({ socketMode: true });
    await h.bot.stop();
    expect(h.bot.health()).toEqual({ ok: false, detail: 'stopped' });
    await waitFor(() => h?.fake.sockets().open === 0, 'socket closed');
    await settle(300);
    expect(h.fake.callsTo('apps.connections.open')).toHaveLength(1);
    await h.bot.stop();
  });

  it('should reject start with PlatformRejectedError and report unhealthy when Slack refuses the app token', async () => {
    fake = await createFakeSlack({ users: USERS, socketMode: true });
    const bot = socketBot(fake, 'xapp-1-A0HEIMO-1-revoked');
    const error = await bot.start(async () => ({ status: 'unlinked', reason: 'test' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ platform: 'slack', context: { method: 'apps.connections.open', error: 'invalid_auth' } });
    expect(bot.health()).toEqual({ ok: false, detail: 'slack could not start: slack rejected the request: apps.connections.open: invalid_auth' });
    expect(fake.sockets().opened).toBe(0);
    await bot.stop();
  });

  it('should reject start at once when the app token lacks connections:write', async () => {
    fake = await createFakeSlack({ users: USERS, socketMode: true });
    fake.failNext('apps.connections.open', { error: 'missing_scope' });
    const bot = socketBot(fake, fake.appToken);
    await expect(bot.start(async () => ({ status: 'unlinked', reason: 'test' }))).rejects.toMatchObject({ code: 'PLATFORM_REJECTED', context: { error: 'missing_scope' } });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('should reject start with a retryable error when apps.connections.open fails with a 500', async () => {
    fake = await createFakeSlack({ users: USERS, socketMode: true });
    fake.failNext('apps.connections.open', { status: 500 });
    const bot = socketBot(fake, fake.appToken);
    await expect(bot.start(async () => ({ status: 'unlinked', reason: 'test' }))).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'apps.connections.open' } });
  });

  it('should refuse to create an HTTP bot when it has neither a signing secret nor an app token', () => {
    expect(() => createSlackBot({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:1/api/', logger: silent })).toThrow(ConfigError);
    expect(() => createSlackBot({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:1/api/', logger: silent })).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
