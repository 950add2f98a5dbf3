import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenLocal, readBody, sendJson } from './http-util.ts';

/** A failure the next matching call answers with. */
export type FakeConnectorFailure = { status: 429; retryAfterSeconds?: number } | { status: number };

/** One Bot Framework connector call the fake received. */
export interface FakeConnectorCall {
  method: string;
  /** Which connector operation the path named. */
  operation: 'createConversation' | 'sendToConversation' | 'replyToActivity' | 'updateActivity' | 'deleteActivity' | 'getMembers' | 'unknown';
  conversationId?: string;
  activityId?: string;
  body?: Record<string, unknown>;
  status: number;
  authorization?: string;
}

/** A message as the fake channel holds it. */
export interface FakeConnectorActivity {
  conversationId: string;
  id: string;
  activity: Record<string, unknown>;
  /** How many times it was replaced by an update. */
  updates: number;
}

/** A member the fake answers GET members with. */
export interface FakeConnectorMember {
  id: string;
  name: string;
  aadObjectId?: string;
  /** What GET members/{id} tells of the member's e-mail (TeamsChannelAccount). */
  email?: string;
  userPrincipalName?: string;
}

/** Settings of the connector stand-in. */
export interface FakeConnectorConfig {
  /** Decides whether a bearer token is accepted; unset accepts anything (authentication off). */
  acceptToken?: (token: string | undefined) => boolean;
  members?: FakeConnectorMember[];
  /** A path prefix like Teams' `/teams/` (default: none). */
  pathPrefix?: string;
}

/** A running Bot Framework connector stand-in recording posts, updates and deletes. */
export interface FakeConnector {
  /** The serviceUrl activities carry, ending in a slash as Teams' do. */
  serviceUrl: string;
  calls: FakeConnectorCall[];
  callsTo(operation: FakeConnectorCall['operation']): FakeConnectorCall[];
  /** Messages currently held (deleted ones are gone), keyed by `${conversationId}|${id}`. */
  activities: Map<string, FakeConnectorActivity>;
  /** Messages in a channel thread (root and replies), in posting order. */
  thread(channelId: string, rootId: string): FakeConnectorActivity[];
  /** Messages the bot sent to one person's 1:1 chat, in order. */
  direct(memberId: string): FakeConnectorActivity[];
  /** Fails the next `times` calls, after letting `skip` calls through first. */
  failNext(failure: FakeConnectorFailure, times?: number, skip?: number): void;
  close(): Promise<void>;
}

/** The conversation id the fake gives a person's 1:1 chat with the bot. */
export const directChatId = (memberId: string): string => `a:1:${memberId}`;

const ROUTE = /\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?)?\/?$/;

/** Names the connector operation a method and path stand for. */
function operationOf(method: string, collection?: string, conversationId?: string, activityId?: string): FakeConnectorCall['operation'] {
  if (collection === 'members') return method === 'GET' ? 'getMembers' : 'unknown';
  if (conversationId === undefined) return method === 'POST' ? 'createConversation' : 'unknown';
  if (collection !== 'activities') return 'unknown';
  if (method === 'POST') return activityId === undefined ? 'sendToConversation' : 'replyToActivity';
  if (activityId === undefined) return 'unknown';
  if (method === 'PUT') return 'updateActivity';
  return method === 'DELETE' ? 'deleteActivity' : 'unknown';
}

/** Starts the connector stand-in on 127.0.0.1, port 0. */
export async function createFakeConnector(config: FakeConnectorConfig = {}): Promise<FakeConnector> {
  const calls: FakeConnectorCall[] = [];
  const activities = new Map<string, FakeConnectorActivity>();
  const failures: { failure: FakeConnectorFailure; skip: number }[] = [];
  let sequence = Date.now();
  const nextId = (): string => String((sequence += 1));

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const match = ROUTE.exec(path);
    const [, rawConversation, collection, rawActivity] = match ?? [];
    const conversationId = rawConversation === undefined ? undefined : decodeURIComponent(rawConversation);
    const activityId = rawActivity === undefined ? undefined : decodeURIComponent(rawActivity);
    const method = request.method ?? 'GET';
    const operation = match ? operationOf(method, collection, conversationId, activityId) : 'unknown';
    const raw = await readBody(request);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const authorization = request.headers.authorization;
    const call: FakeConnectorCall = {
      method,
      operation,
      ...(conversationId === undefined ? {} : { conversationId }),
      ...(activityId === undefined ? {} : { activityId }),
      ...(body === undefined ? {} : { body }),
      ...(authorization === undefined ? {} : { authorization }),
      status: 0,
    };
    calls.push(call);
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>): void => {
      call.status = status;
      sendJson(response, status, payload, headers);
    };

    if (config.acceptToken && !config.acceptToken(/^Bearer (.+)$/.exec(authorization ?? '')?.[1])) {
      reply(401, { error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } });
      return;
    }
    const pending = failures[0];
    let failure: FakeConnectorFailure | undefined;
    if (pending && pending.skip > 0) pending.skip -= 1;
    else if (pending) failure = failures.shift()?.failure;
    if (failure) {
      const retryAfter = failure.status === 429 && 'retryAfterSeconds' in failure ? failure.retryAfterSeconds : undefined;
      reply(failure.status, { error: { code: failure.status === 429 ? 'Throttled' : 'ServiceError', message: 'injected failure' } }, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
      return;
    }
    const store = (conversation: string, id: string, activity: Record<string, unknown>): void => {
      activities.set(`${conversation}|${id}`, { conversationId: conversation, id, activity: { ...activity, id }, updates: 0 });
    };
    switch (operation) {
      case 'createConversation': {
        const channel = ((body?.['channelData'] as { channel?: { id?: string } } | undefined)?.channel?.id ?? '').trim();
        const members = Array.isArray(body?.['members']) ? (body['members'] as { id?: unknown }[]) : [];
        if (!channel && members.length === 1 && typeof members[0]?.id === 'string' && members[0].id !== '') {
          // A 1:1 chat with the bot: Teams answers the same conversation however often it is created.
          if (typeof body?.['tenantId'] !== 'string') return reply(400, { error: { code: 'BadArgument', message: 'tenantId is required for a 1:1 conversation' } });
          return reply(201, { id: directChatId(members[0].id) });
        }
        if (!channel) return reply(400, { error: { code: 'BadArgument', message: 'channelData.channel.id is required' } });
        const rootId = nextId();
        const created = `${channel};messageid=${rootId}`;
        store(created, rootId, (body?.['activity'] as Record<string, unknown> | undefined) ?? {});
        return reply(201, { id: created, activityId: rootId });
      }
      case 'sendToConversation':
      case 'replyToActivity': {
        const id = nextId();
        store(conversationId ?? '', id, body ?? {});
        return reply(201, { id });
      }
      case 'updateActivity': {
        const held = activities.get(`${conversationId}|${activityId}`);
        if (!held) return reply(404, { error: { code: 'NotFound', message: 'activity not found' } });
        held.activity = { ...(body ?? {}), id: held.id };
        held.updates += 1;
        return reply(200, { id: held.id });
      }
      case 'deleteActivity':
        if (!activities.delete(`${conversationId}|${activityId}`)) return reply(404, { error: { code: 'NotFound', message: 'activity not found' } });
        return reply(200);
      case 'getMembers':
        if (activityId === undefined) return reply(200, config.members ?? []);
        {
          // As Teams: an account not in the conversation is not found.
          const member = (config.members ?? []).find((candidate) => candidate.id === decodeURIComponent(activityId));
          return member === undefined ? reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'member not found' } }) : reply(200, member);
        }
      default:
        return reply(404, { error: { code: 'NotFound', message: `no route for ${method} ${path}` } });
    }
  };

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => sendJson(response, 500, { error: { code: 'FakeBroke', message: String(error) } }));
  });
  const port = await listenLocal(server);
  return {
    serviceUrl: `http://127.0.0.1:${port}/${config.pathPrefix?.replace(/^\/+|\/+$/g, '') ?? ''}${config.pathPrefix ? '/' : ''}`,
    calls,
    callsTo: (operation) => calls.filter((call) => call.operation === operation),
    activities,
    direct: (memberId) => [...activities.values()].filter((held) => held.conversationId === directChatId(memberId)),
    thread: (channelId, rootId) => [...activities.values()].filter((held) => held.conversationId === `${channelId};messageid=${rootId}`),
    failNext: (failure, times = 1, skip = 0) => {
      for (let i = 0; i < times; i += 1) failures.push({ failure, skip: i === 0 ? skip : 0 });
    },
    close: () => closeServer(server),
  };
}
