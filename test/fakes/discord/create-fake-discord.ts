import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeCdn } from './cdn.ts';
import { createFakeGateway } from './gateway.ts';
import { createMessageOps, type UploadedFile } from './messages.ts';
import { createAppCommandRoutes, type FakeAppCommand } from './app-commands.ts';
import { createChannelEditRoutes } from './channel-edits.ts';
import { createMemberRoleRoutes, type RoleChange } from './member-roles.ts';
import { createInteractionActions } from './interaction-actions.ts';
import { createInteractionRoutes, type FakeInteraction } from './interactions.ts';
import { createReactionOps } from './reactions.ts';
import { createFakeRest, type FakeFailure, type RequestMatch } from './rest.ts';
import { createWorld, type FakeMessage, type FakeUser } from './state.ts';

/** Options for the Discord stand-in; every one has a working default. */
export interface FakeDiscordConfig {
  token?: string;
  heartbeatIntervalMs?: number;
  /** False closes IDENTIFY with 4014 when it asks for Message Content, as for an unapproved bot. */
  allowPrivilegedIntents?: boolean;
  /** How long a nonce sent with enforce_nonce dedupes a repeated post (Discord: a few minutes). */
  nonceWindowMs?: number;
  /** Reported in X-RateLimit-* headers per route and channel; the fake never enforces it. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Largest file a message may carry (413, code 40005 above it); Discord's default for bots is 10 MiB. */
  maxFileBytes?: number;
  /** How long an interaction may wait for its first callback (Discord: 3 s; later ones get 404 10062). */
  interactionWindowMs?: number;
  /** Sees every REST request once its body is read, before it is answered. */
  onRequest?: (request: { method: string; path: string; body: unknown }) => void;
}

/** Who a simulated user message is from: a seeded user, or a user id the world knows. */
export type AuthorRef = FakeUser | string;

/**
 * Starts nothing yet: returns a Discord stand-in (REST under /api/v10 plus a gateway) that
 * listens on 127.0.0.1 with a free port once `start()` resolves.
 */
export function createFakeDiscord(options: FakeDiscordConfig = {}) {
  const token = options.token ?? 'fake-bot-token';
  const world = createWorld();
  // An app whose Message Content intent is off is also refused it at IDENTIFY.
  if (options.allowPrivilegedIntents === false) world.applicationFlags = 0;
  let port = 0;
  const base = (scheme: 'http' | 'ws'): string => {
    if (port === 0) throw new Error('fake Discord is not started');
    return `${scheme}://127.0.0.1:${port}`;
  };
  const gateway = createFakeGateway({ world, token, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, allowPrivilegedIntents: options.allowPrivilegedIntents ?? true, baseUrl: () => base('ws') });
  const ops = createMessageOps(world, gateway.dispatch, () => base('http'));
  const reactions = createReactionOps(world, gateway.dispatch);
  const permissions = { manageWebhooks: true, manageChannels: true, manageThreads: true };
  const appCommands = new Map<string, FakeAppCommand[]>();
  const interactions = new Map<string, FakeInteraction>();
  const timings = { callbackWindowMs: options.interactionWindowMs ?? 3_000, tokenLifetimeMs: 15 * 60_000 };
  const roleChanges: RoleChange[] = [];
  const dms = new Map<string, string>();
  const extraRoutes = [
    ...createMemberRoleRoutes(world, roleChanges, dms),
    ...createInteractionRoutes(world, ops, interactions, timings),
    ...createAppCommandRoutes(world, appCommands),
    ...createChannelEditRoutes(world, gateway.dispatch, permissions),
  ];
  const rest = createFakeRest({
    extraRoutes,
    world, ops, reactions, token, permissions,
    gatewayUrl: () => `${base('ws')}/gateway`,
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024,
    rateLimit: options.rateLimit ?? { limit: 50, windowSeconds: 1 },
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
  });
  const cdn = createFakeCdn({ world, takeFailure: rest.takeFailure });
  const server = createServer((req, res) => {
    if (cdn.serves(req.url ?? '')) return cdn.handle(req, res);
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `fake crashed: ${String(error)}`, code: 0 }));
    });
  });
  gateway.attach(server);

  const userOf = (author: AuthorRef): FakeUser => {
    if (typeof author !== 'string') return author;
    const member = world.members.get(author);
    if (member === undefined) throw new Error(`fake Discord has no member ${author}`);
    return member.user;
  };
  const messageIn = (channelId: string, messageId: string): FakeMessage => {
    const found = ops.find(channelId, messageId);
    if (found === undefined) throw new Error(`fake Discord has no message ${messageId} in ${channelId}`);
    return found;
  };

  return {
    token,
    world,
    /** Knobs for permissions the bot may lack (Manage Webhooks, Manage Channels, Manage Threads). */
    permissions,
    ...createInteractionActions(world, ops, gateway.dispatch, appCommands, interactions),
    requests: rest.requests,
    /** Every role change the bot made, in order, with its audit-log reason. */
    roleChanges,
    /** The bot's direct-message channel with each user (user id → channel id). */
    dms,
    /** Downloads from the fake CDN (attachment URLs), with the headers each one sent. */
    cdnRequests: cdn.requests,
    /** How the fake CDN answers, e.g. `cdn.sendLength = false` to stream files without Content-Length. */
    cdn: cdn.knobs,
    gatewayFrames: gateway.frames,
    get apiUrl(): string { return `${base('http')}/api`; },
    get gatewayUrl(): string { return `${base('ws')}/gateway`; },
    async start(): Promise<void> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    /**
     * Answers the next matching request(s) with a failure, e.g. `failNext('POST /webhooks/', { status: 500 })`;
     * multipart posts match like any other, and `failNext('GET /attachments/', ...)` fails a CDN download.
     */
    failNext(match: RequestMatch, failure: FakeFailure, times = 1): void {
      rest.failNext(match, failure, times);
    },
    /** The files on a message as the CDN serves them, in order; [] for a message without files. */
    attachmentsOf(channelId: string, messageId: string): Array<{ id: string; filename: string; size: number; contentType: string; url: string; data: Buffer }> {
      return messageIn(channelId, messageId).attachments.map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        size: attachment.size,
        contentType: attachment.content_type,
        url: attachment.url,
        data: world.files.get(attachment.id)?.data ?? Buffer.alloc(0),
      }));
    },
    /** Messages in a channel or thread, oldest first. */
    messagesIn(channelId: string): FakeMessage[] {
      return [...ops.list(channelId)];
    },
    /** A user posts in a channel or thread, with files if given; mentions in `<@id>` form are detected like Discord does. */
    userSends(input: { channelId: string; content: string; author: AuthorRef; mentions?: string[]; files?: UploadedFile[] }): FakeMessage {
      return ops.post({
        channelId: input.channelId, content: input.content, author: userOf(input.author),
        ...(input.mentions === undefined ? {} : { mentions: input.mentions }),
        ...(input.files === undefined ? {} : { files: input.files }),
      });
    },
    /** A user opens a forum post, with forum tags by name: THREAD_CREATE (applied_tags), then the starter message (same id as the thread). */
    userCreatesForumPost(input: { forumId: string; title: string; content: string; author: AuthorRef; tags?: string[] }) {
      const forum = world.channels.get(input.forumId);
      if (forum?.type !== 15) throw new Error(`${input.forumId} is not a forum channel`);
      const tagIds = (input.tags ?? []).map((name) => {
        const tag = forum.available_tags?.find((candidate) => candidate.name === name);
        if (tag === undefined) throw new Error(`forum ${input.forumId} has no tag ${name}`);
        return tag.id;
      });
      return ops.createForumPost(forum, userOf(input.author), input.title, input.content, tagIds);
    },
    /**
     * A moderator sets a member's roles. Only the state changes: Discord sends GUILD_MEMBER_UPDATE
     * only with the GUILD_MEMBERS intent, which Heimo does not ask for; the member's next messages carry the roles.
     */
    setMemberRoles(user: AuthorRef, roleIds: string[]): void {
      const member = world.members.get(userOf(user).id);
      if (member === undefined) throw new Error('fake Discord has no such member');
      member.roles = [...roleIds];
    },
    /** A user edits their message: MESSAGE_UPDATE with the new content. */
    userEdits(input: { channelId: string; messageId: string; content: string }): FakeMessage {
      return ops.edit(messageIn(input.channelId, input.messageId), input.content);
    },
    /** A user (or moderator) deletes a message: MESSAGE_DELETE. */
    userDeletes(input: { channelId: string; messageId: string }): void {
      ops.remove(messageIn(input.channelId, input.messageId));
    },
    /** A user adds (default) or removes a reaction; `customId` makes `emoji` the name of a custom emoji. */
    userReacts(input: { channelId: string; messageId: string; emoji: string; user: AuthorRef; added?: boolean; customId?: string }): void {
      // As on Discord, a reaction already there (or already gone) changes nothing and sends no event.
      const message = messageIn(input.channelId, input.messageId);
      const emoji = input.customId === undefined ? input.emoji : `${input.emoji}:${input.customId}`;
      if (input.added ?? true) reactions.add(message, userOf(input.user), emoji);
      else reactions.remove(message, userOf(input.user), emoji);
    },
    /** A moderator removes every reaction on a message, or every one of `emoji`. */
    moderatorClearsReactions(input: { channelId: string; messageId: string; emoji?: string }): void {
      reactions.clear(messageIn(input.channelId, input.messageId), input.emoji);
    },
    /** The Unicode emoji the bot currently has on a message, in the order it added them. */
    botReactions(channelId: string, messageId: string): string[] {
      return reactions.of(channelId, messageId, world.botUser.id);
    },
    /** Sends any dispatch event as-is, malformed ones included. */
    dispatchRaw(t: string, d: unknown): void {
      gateway.dispatch(t, d);
    },
    /** Sends a raw text frame (e.g. invalid JSON) to every gateway connection. */
    sendGatewayFrame(text: string): void {
      gateway.sendFrame(text);
    },
    /** Cuts the gateway connections abruptly; discord.js should resume on resume_gateway_url. */
    dropConnection(): void {
      gateway.dropConnections();
    },
    /** Cuts the gateway connections and forgets their sessions: discord.js cannot resume and misses what happens meanwhile. */
    dropSessions(): void {
      gateway.invalidateSessions();
    },
    gatewayConnections: (): number => gateway.connectionCount(),
    /** The shards ([id, count]) of the gateway sessions connected now. */
    liveGatewaySessions: (): Array<[number, number]> => gateway.liveSessions(),
    /** Every IDENTIFY the gateway accepted, oldest first. */
    gatewayIdentifies: () => gateway.identifies,
  };
}

/** A running Discord stand-in. */
export type FakeDiscord = ReturnType<typeof createFakeDiscord>;
