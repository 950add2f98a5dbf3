import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AllowedMentions, MessageOps, UploadedFile } from './messages.ts';
import type { ReactionOps } from './reactions.ts';
import { snowflake, type FakeMessage, type FakeWebhook, type FakeWorld } from './state.ts';

/** An error answer in Discord's JSON shape. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

type Body = Record<string, unknown>;

/** What a route handler gets: path parameters, the query, the JSON body (or payload_json) and uploaded files. */
export interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: Body;
  files: UploadedFile[];
  /** The request's headers (X-Audit-Log-Reason). */
  headers?: IncomingHttpHeaders;
}

/** One REST route; `bucket` names its rate-limit bucket. */
export interface Route {
  method: string;
  pattern: RegExp;
  bucket: string;
  auth: boolean;
  handler: (context: RouteContext) => { status: number; body?: unknown };
}

/** What the routes read and change. */
export interface RouteConfig {
  world: FakeWorld;
  ops: MessageOps;
  reactions: ReactionOps;
  gatewayUrl: () => string;
  nonceWindowMs: number;
  permissions: { manageWebhooks: boolean };
  /** Largest file a message may carry; Discord's default for bots is 10 MiB. */
  maxFileBytes: number;
}

const ok = (body: unknown, status = 200) => ({ status, body });

// Discord sends the author's `member` only with MESSAGE_CREATE and MESSAGE_UPDATE on the gateway, never over REST.
const asRead = ({ member: _member, ...message }: FakeMessage): Omit<FakeMessage, 'member'> => message;

function fail(status: number, code: number, message: string): never {
  throw new ApiError(status, code, message);
}

function optionalAllowed(body: Body): { allowedMentions?: AllowedMentions } {
  return body.allowed_mentions === undefined ? {} : { allowedMentions: body.allowed_mentions as AllowedMentions };
}

const FILES_PER_MESSAGE = 10;

/** The distinct emoji Discord lets a message carry. */
export const MAX_DISTINCT_REACTIONS = 20;

const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\u20e3)+$/u;

/** Creates the routes the bot and discord.js use, with Discord's validation and error codes. */
export function createRoutes(config: RouteConfig): Route[] {
  const { world, ops, reactions } = config;
  const routes: Route[] = [];
  const nonces = new Map<string, { message: FakeMessage; at: number }>();
  const channel = (id: string | undefined) => world.channels.get(id ?? '') ?? fail(404, 10003, 'Unknown Channel');
  const message = (channelId: string, id: string | undefined) => ops.find(channelId, id ?? '') ?? fail(404, 10008, 'Unknown Message');
  const webhook = (id: string | undefined, token: string | undefined): FakeWebhook => {
    const found = world.webhooks.get(id ?? '') ?? fail(404, 10015, 'Unknown Webhook');
    return found.token === token ? found : fail(401, 50027, 'Invalid Webhook Token');
  };
  const canManageWebhooks = () => config.permissions.manageWebhooks || fail(403, 50013, 'Missing Permissions');
  // A message with files may have no text, on posting and on editing alike.
  const content = (body: Body, hasFiles = false): string => {
    const text = typeof body.content === 'string' ? body.content : '';
    if (text.length === 0 && !hasFiles) fail(400, 50006, 'Cannot send an empty message');
    if (text.length > 2000) fail(400, 50035, 'Invalid Form Body (content: Must be 2000 or fewer in length.)');
    return text;
  };
  const uploads = (files: UploadedFile[]): { files?: UploadedFile[] } => {
    if (files.length > FILES_PER_MESSAGE) fail(400, 50035, `Invalid Form Body (files: Must be ${FILES_PER_MESSAGE} or fewer in length.)`);
    if (files.some((file) => file.data.byteLength > config.maxFileBytes)) fail(413, 40005, 'Request entity too large');
    return files.length === 0 ? {} : { files };
  };
  // PATCH without `attachments` keeps the files; with it, only the listed ids stay.
  const keptAttachments = (body: Body): string[] | undefined =>
    Array.isArray(body.attachments) ? body.attachments.map((item) => String((item as { id?: unknown }).id)) : undefined;
  const editContent = (found: FakeMessage, body: Body): string => content(body, (keptAttachments(body) ?? found.attachments.map((item) => item.id)).length > 0);
  const allowed = (body: Body) => (body.allowed_mentions ?? undefined) as AllowedMentions | undefined;
  const validName = (name: unknown, max: number): string =>
    typeof name === 'string' && name.length >= 1 && name.length <= max ? name : fail(400, 50035, 'Invalid Form Body (name)');
  // Discord refuses webhook names (and per-message usernames) containing these words.
  const validWebhookName = (name: unknown): string =>
    /clyde|discord/i.test(validName(name, 80)) ? fail(400, 50035, 'Invalid Form Body (username)') : (name as string);
  // The world has no custom emoji, so only Unicode ones exist; Discord answers 10014 for anything else.
  const validEmoji = (emoji: string | undefined): string =>
    emoji !== undefined && EMOJI.test(emoji) && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(emoji) ? emoji : fail(400, 10014, 'Unknown Emoji');
  const webhookTarget = (hook: FakeWebhook, query: URLSearchParams): string => {
    const threadId = query.get('thread_id');
    if (threadId === null) return hook.channel_id;
    return world.channels.get(threadId)?.parent_id === hook.channel_id ? threadId : fail(400, 10003, 'Unknown Channel');
  };

  const route = (method: string, path: string, handler: Route['handler'], auth = true): void => {
    const pattern = new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`);
    routes.push({ method, pattern, bucket: `${method} ${path}`, auth, handler });
  };

  route('GET', '/gateway', () => ok({ url: config.gatewayUrl() }), false);
  route('GET', '/gateway/bot', () => ok({
    url: config.gatewayUrl(), shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
  }));
  route('GET', '/users/@me', () => ok(world.botUser));
  const application = () => ok({ id: world.applicationId, name: 'Heimo', description: '', bot_public: true, bot_require_code_grant: false, flags: world.applicationFlags });
  route('GET', '/applications/@me', application);
  route('GET', '/oauth2/applications/@me', application);
  const guild = (id: string | undefined) => (id === world.guildId ? id : fail(404, 10004, 'Unknown Guild'));
  route('GET', '/guilds/:gid', ({ params }) => ok({
    id: guild(params[0]), name: 'Acme Community', owner_id: world.users.alice.id,
    roles: Object.values(world.roles).map((role, position) => ({ ...role, color: 0, hoist: false, position, managed: role.id === world.roles.heimo.id, mentionable: true, flags: 0 })),
  }));
  route('GET', '/guilds/:gid/members/:uid', ({ params }) => {
    guild(params[0]);
    return ok(world.members.get(params[1] ?? '') ?? fail(404, 10007, 'Unknown Member'));
  });
  route('GET', '/users/:uid', ({ params }) => ok(world.members.get(params[0] ?? '')?.user ?? fail(404, 10013, 'Unknown User')));
  route('GET', '/channels/:cid', ({ params }) => ok(channel(params[0])));
  // As on Discord: newest first; `after` gives the `limit` oldest messages after that id, `before` the newest before it.
  route('GET', '/channels/:cid/messages', ({ params, query }) => {
    const limit = Math.max(1, Math.min(100, Number(query.get('limit') ?? 50)));
    const all = [...ops.list(channel(params[0]).id)].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    const after = query.get('after');
    const before = query.get('before');
    if (after !== null) return ok(all.filter((item) => BigInt(item.id) > BigInt(after)).slice(0, limit).reverse().map(asRead));
    const older = before === null ? all : all.filter((item) => BigInt(item.id) < BigInt(before));
    return ok(older.slice(-limit).reverse().map(asRead));
  });
  route('GET', '/guilds/:gid/threads/active', ({ params }) => {
    if (params[0] !== world.guildId) fail(404, 10004, 'Unknown Guild');
    const threads = [...world.channels.values()].filter((item) => item.type === 11 && item.thread_metadata?.archived !== true);
    return ok({ threads, members: [] });
  });
  route('POST', '/channels/:cid/messages', ({ params, body, files }) => {
    const target = channel(params[0]);
    if (target.type === 15) fail(400, 50024, 'Cannot execute action on this channel type');
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    const key = `${world.botUser.id}:${nonce}`;
    const seen = nonces.get(key);
    if (nonce !== undefined && body.enforce_nonce === true && seen !== undefined && Date.now() - seen.at < config.nonceWindowMs) {
      return ok(seen.message);
    }
    const components = Array.isArray(body.components) ? { components: body.components as unknown[] } : {};
    const posted = ops.post({ channelId: target.id, author: world.botUser, content: content(body, files.length > 0), ...uploads(files), ...(nonce === undefined ? {} : { nonce }), ...optionalAllowed(body), ...components });
    if (nonce !== undefined) nonces.set(key, { message: posted, at: Date.now() });
    return ok(posted);
  });
  route('GET', '/channels/:cid/messages/:mid', ({ params }) => ok(asRead(message(channel(params[0]).id, params[1]))));
  route('PATCH', '/channels/:cid/messages/:mid', ({ params, body }) => {
    const found = message(channel(params[0]).id, params[1]);
    if (found.author.id !== world.botUser.id) fail(403, 50005, 'Cannot edit a message authored by another user');
    return ok(ops.edit(found, editContent(found, body), allowed(body), keptAttachments(body)));
  });
  route('DELETE', '/channels/:cid/messages/:mid', ({ params }) => {
    ops.remove(message(channel(params[0]).id, params[1]));
    return { status: 204 };
  });
  route('PUT', '/channels/:cid/messages/:mid/reactions/:emoji/@me', ({ params }) => {
    const target = message(channel(params[0]).id, params[1]);
    const emoji = validEmoji(params[2]);
    // Like Discord, a message holds at most 20 distinct emoji; one already there may still be added.
    const distinct = reactions.emojiOn(target);
    if (distinct.size >= MAX_DISTINCT_REACTIONS && !distinct.has(emoji)) fail(400, 30010, `Maximum number of reactions reached (${MAX_DISTINCT_REACTIONS})`);
    reactions.add(target, world.botUser, emoji);
    return { status: 204 };
  });
  route('DELETE', '/channels/:cid/messages/:mid/reactions/:emoji/@me', ({ params }) => {
    reactions.remove(message(channel(params[0]).id, params[1]), world.botUser, validEmoji(params[2]));
    return { status: 204 };
  });
  route('POST', '/channels/:cid/messages/:mid/threads', ({ params, body }) => {
    const parent = channel(params[0]);
    if (parent.type !== 0) fail(400, 50024, 'Cannot execute action on this channel type');
    const starter = message(parent.id, params[1]);
    if (world.channels.has(starter.id)) fail(400, 160004, 'A thread has already been created for this message');
    const archive = typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 4320;
    return ok(ops.startThread(parent, starter, validName(body.name, 100), world.botUser.id, archive), 201);
  });
  route('GET', '/channels/:cid/webhooks', ({ params }) => {
    canManageWebhooks();
    const id = channel(params[0]).id;
    return ok([...world.webhooks.values()].filter((hook) => hook.channel_id === id));
  });
  route('POST', '/channels/:cid/webhooks', ({ params, body }) => {
    canManageWebhooks();
    const target = channel(params[0]);
    const hook: FakeWebhook = {
      id: snowflake(), type: 1, guild_id: world.guildId, channel_id: target.id, name: validWebhookName(body.name), avatar: null,
      token: createHash('sha256').update(snowflake()).digest('base64url'), application_id: world.applicationId, user: world.botUser,
    };
    world.webhooks.set(hook.id, hook);
    return ok(hook);
  });
  route('POST', '/webhooks/:wid/:token', ({ params, query, body, files }) => {
    const hook = webhook(params[0], params[1]);
    const channelId = webhookTarget(hook, query);
    const username = body.username === undefined ? hook.name : validWebhookName(body.username);
    const author = { id: hook.id, username, global_name: null, avatar: null, discriminator: '0000', bot: true };
    const posted = ops.post({ channelId, author, content: content(body, files.length > 0), ...uploads(files), webhookId: hook.id, ...optionalAllowed(body) });
    return query.get('wait') === 'true' ? ok(posted) : { status: 204 };
  }, false);
  const webhookMessage = ({ params, query }: RouteContext): FakeMessage => {
    const hook = webhook(params[0], params[1]);
    const found = message(webhookTarget(hook, query), params[2]);
    return found.webhook_id === hook.id ? found : fail(404, 10008, 'Unknown Message');
  };
  route('GET', '/webhooks/:wid/:token/messages/:mid', (context) => ok(webhookMessage(context)), false);
  route('PATCH', '/webhooks/:wid/:token/messages/:mid', (context) => {
    const found = webhookMessage(context);
    return ok(ops.edit(found, editContent(found, context.body), allowed(context.body), keptAttachments(context.body)));
  }, false);
  route('DELETE', '/webhooks/:wid/:token/messages/:mid', (context) => {
    ops.remove(webhookMessage(context));
    return { status: 204 };
  }, false);

  return routes;
}
