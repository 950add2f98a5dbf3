import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Events, GatewayIntentBits, Routes, makeURLSearchParams, type APIWebhook, type Message } from 'discord.js';
import type { Endpoints } from '../protocol.ts';
import { BARE_SIDES, type BareEmployeeSide } from './bare-sides.ts';
import { waitForCount, type RelayUnderTest } from './relay.ts';

const DISCORD_LIMIT = 2_000;

/** Cuts text into pieces of at most `limit` characters, at a line or word break when there is one. */
export function splitAt(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/**
 * The floor: a discord.js Client whose messageCreate handler calls the employee platform's SDK
 * directly, and the employee platform's event handler calling Discord REST directly. No queue, no
 * database, no formatting, no retries, no ordering guarantee: the least a relay can do.
 */
export async function startBareRelay(endpoints: Endpoints): Promise<RelayUnderTest> {
  const factory = BARE_SIDES[endpoints.employee.platform];
  if (factory === undefined) throw new Error(`no bare ${endpoints.employee.platform} relay yet`);
  const { discord } = endpoints;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: discord.apiUrl, retries: 0 },
  });
  client.rest.setToken(discord.token);
  const hook = (await client.rest.post(Routes.channelWebhooks(discord.helpChannelId), { body: { name: 'Bare relay' } })) as APIWebhook;
  const rootOf = new Map<string, string>();
  const threadOf = new Map<string, string>();
  const problems: string[] = [];
  const fail = (what: string) => (error: unknown): void => {
    if (problems.length < 20) problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  const employee: BareEmployeeSide = factory(endpoints.employee.bare, (rootId, text, authorId) => {
    const threadId = threadOf.get(rootId);
    if (threadId === undefined) return;
    void (async () => {
      for (const content of splitAt(text, DISCORD_LIMIT)) {
        await client.rest.post(Routes.webhook(hook.id, hook.token), {
          body: { content, username: authorId, allowed_mentions: { parse: [] } },
          query: makeURLSearchParams({ thread_id: threadId, wait: true }),
          auth: false,
        });
      }
    })().catch(fail('discord webhook'));
  });

  const openQuestion = async (message: Message): Promise<void> => {
    await client.rest.post(Routes.threads(message.channelId, message.id), { body: { name: message.content.slice(0, 100) || 'Question', auto_archive_duration: 1440 } });
    const rootId = await employee.postRoot(message.content);
    rootOf.set(message.id, rootId);
    threadOf.set(rootId, message.id);
  };

  client.on(Events.MessageCreate, (message) => {
    if (message.webhookId !== null || message.author.bot) return;
    if (message.channelId === discord.helpChannelId) {
      openQuestion(message).catch(fail('open question'));
      return;
    }
    const rootId = rootOf.get(message.channelId);
    if (rootId === undefined) return;
    const author = { name: message.member?.displayName ?? message.author.displayName, avatarUrl: message.author.displayAvatarURL() };
    employee.postReply(rootId, message.content, author).catch(fail('employee post'));
  });

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  const server = createServer((req, res) => employee.listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name: 'bare',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ready: (count, timeoutMs) => waitForCount('bare: roots recorded', () => rootOf.size, count, timeoutMs),
    problems: () => [...problems],
    stop: async () => {
      await client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
