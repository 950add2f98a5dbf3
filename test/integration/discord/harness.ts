import { createDiscordBot } from '../../../bots/discord/create-discord-bot.ts';
import type { InboundEvent, IngestOutcome } from '../../../core/domain/events.ts';
import { createLogger } from '../../../core/logger.ts';
import type { OutboundMessage } from '../../../core/ports/delivery.ts';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordConfig } from '../../fakes/discord/index.ts';
import { eventually } from '../../support/eventually.ts';

/** A running fake Discord, the real bot connected to it, and what reached the core boundary. */
export interface DiscordHarness {
  fake: FakeDiscord;
  bot: ReturnType<typeof createDiscordBot>;
  /** Events the bot handed to the core, in order. */
  events: InboundEvent[];
  /** Parsed JSON log lines the bot wrote. */
  logs: Array<Record<string, unknown>>;
  /** Makes the core handler throw for the next event (a core failure the bot must survive). */
  failNextEvent(): void;
  /** Makes the core handler wait on the next event until the returned release is called (a slow core). */
  holdNextEvent(): () => void;
  close(): Promise<void>;
}

/** Starts the fake (with `options`, e.g. a smaller file limit) and the bot watching the fake's help and forum channels. */
export async function startHarness(options: FakeDiscordConfig = {}): Promise<DiscordHarness> {
  const fake = createFakeDiscord({ heartbeatIntervalMs: 1_000, ...options });
  await fake.start();
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const bot = createDiscordBot({
    token: fake.token,
    apiUrl: fake.apiUrl,
    watchedChannelIds: [fake.world.ids.help, fake.world.ids.forum],
    logger,
    inboundRetry: { firstDelayMs: 50, maxDelayMs: 200 },
  });
  const events: InboundEvent[] = [];
  let failNext = false;
  let hold: Promise<void> | undefined;
  await bot.start(async (event): Promise<IngestOutcome> => {
    events.push(event);
    const held = hold;
    hold = undefined;
    await held;
    if (failNext) {
      failNext = false;
      throw new Error('core exploded');
    }
    return { status: 'accepted', conversationId: 'conversation-1' };
  });
  return {
    fake,
    bot,
    events,
    logs,
    failNextEvent: () => {
      failNext = true;
    },
    holdNextEvent: () => {
      let release = (): void => undefined;
      hold = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    close: async () => {
      await bot.stop();
      await fake.close();
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  return eventually(check, what, timeoutMs);
}

/** An outbound message with sensible defaults. */
export function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    author: { displayName: 'Erin (Acme support)', avatarUrl: 'https://example.com/erin.png' },
    text: 'Thanks, we are looking into it.',
    internal: false,
    idempotencyKey: 'outbox-entry-1',
    isRetry: false,
    ...overrides,
  };
}
