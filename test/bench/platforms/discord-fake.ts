import { createFakeDiscord } from '../../fakes/discord/index.ts';
import { snowflake, type FakeUser } from '../../fakes/discord/state.ts';
import type { DiscordEndpoints } from '../protocol.ts';

/** The Discord stand-in as the benchmark's customer side, with many customers. */
export interface DiscordFake {
  readonly endpoints: DiscordEndpoints;
  /** A customer asks in the help channel; the question's id becomes its thread's id. */
  ask(customer: number, text: string): string;
  hasThread(threadId: string): boolean;
  /** A customer posts in a thread: MESSAGE_CREATE goes out on the gateway now. */
  send(threadId: string, customer: number, text: string): void;
  /** Forgets thread messages and logged requests; returns requests answered with an error since the last prune. */
  prune(): number;
  close(): Promise<void>;
}

const DELIVERY = /^\/(webhooks\/[^/]+\/[^/]+|channels\/\d+\/messages)$/;

/** Starts the Discord fake; `onDelivery` sees the content of every webhook or bot post on arrival. */
export async function startDiscordFake(options: { customers: number; onDelivery: (text: string) => void }): Promise<DiscordFake> {
  const fake = createFakeDiscord({
    heartbeatIntervalMs: 30_000,
    // The fake never enforces limits; it only reports them, and discord.js obeys what it reports.
    rateLimit: { limit: 1_000_000, windowSeconds: 1 },
    onRequest: ({ method, path, body }) => {
      if (method !== 'POST' || !DELIVERY.test(path)) return;
      const content = (body as { content?: unknown }).content;
      if (typeof content === 'string') options.onDelivery(content);
    },
  });
  const { world } = fake;
  const joinedAt = new Date().toISOString();
  const customers: FakeUser[] = Array.from({ length: options.customers }, (_, index) => ({
    id: snowflake(),
    username: `customer${index}`,
    global_name: `Customer ${index}`,
    avatar: `c${index}hash`,
    discriminator: '0',
  }));
  for (const user of customers) world.members.set(user.id, { user, nick: null, roles: [], joined_at: joinedAt, deaf: false, mute: false });
  const customer = (index: number): FakeUser => customers[index % customers.length] ?? world.users.bob;
  await fake.start();
  return {
    endpoints: { token: fake.token, apiUrl: fake.apiUrl, guildId: world.guildId, helpChannelId: world.ids.help },
    ask: (index, text) => fake.userSends({ channelId: world.ids.help, content: text, author: customer(index) }).id,
    hasThread: (threadId) => world.channels.has(threadId),
    send: (threadId, index, text) => void fake.userSends({ channelId: threadId, content: text, author: customer(index) }),
    prune: () => {
      const errors = fake.requests.filter((request) => request.status >= 400).length;
      fake.requests.length = 0;
      fake.gatewayFrames.length = 0;
      for (const [channelId, messages] of world.messages) if (channelId !== world.ids.help) messages.length = 0;
      return errors;
    },
    close: () => fake.close(),
  };
}
