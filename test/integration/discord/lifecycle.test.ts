import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../../bots/discord/create-discord-bot.ts';
import { createLogger } from '../../../core/logger.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { startHarness, type DiscordHarness } from './harness.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function fakeWith(options: Parameters<typeof createFakeDiscord>[0]): Promise<FakeDiscord> {
  const fake = createFakeDiscord(options);
  await fake.start();
  cleanup.push(() => fake.close());
  return fake;
}

function botFor(fake: FakeDiscord, token = fake.token) {
  const lines: string[] = [];
  const bot = createDiscordBot({ token, apiUrl: fake.apiUrl, watchedChannelIds: [fake.world.ids.help], logger: createLogger({ write: (line) => lines.push(line) }) });
  cleanup.push(() => bot.stop());
  return { bot, lines };
}

const accept = async () => ({ status: 'accepted' as const, conversationId: 'c' });

describe('discord bot lifecycle', () => {
  it('should report connected while running and not ok once stopped twice', async () => {
    const h: DiscordHarness = await startHarness();
    cleanup.push(() => h.close());
    expect(h.bot.health()).toEqual({ ok: true, detail: expect.stringContaining('connected as Heimo') });

    await h.bot.stop();
    await h.bot.stop();

    expect(h.bot.health()).toEqual({ ok: false, detail: 'stopped' });
  });

  it('should say why it is not connected before start', async () => {
    const fake = await fakeWith({});
    const { bot } = botFor(fake);

    expect(bot.health()).toEqual({ ok: false, detail: 'not connected yet' });
  });

  it('should refuse to start and keep the token out of the error when the token is wrong', async () => {
    const fake = await fakeWith({});
    const { bot, lines } = botFor(fake, 'wrong-token-0123456789abcdef');

    const error = await bot.start(accept).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'PLATFORM_REJECTED' });
    expect(bot.health().ok).toBe(false);
    expect(JSON.stringify([String(error), (error as { context?: unknown }).context, lines])).not.toContain('wrong-token-0123456789abcdef');
  });

  it('should name the Message Content intent when Discord closes the gateway with 4014', async () => {
    const fake = await fakeWith({ allowPrivilegedIntents: false });
    const { bot } = botFor(fake);

    await expect(bot.start(accept)).rejects.toMatchObject({ code: 'PLATFORM_REJECTED', message: expect.stringMatching(/Message Content/) });
    expect(bot.health()).toEqual({ ok: false, detail: expect.stringMatching(/Message Content/) });
  });
});
