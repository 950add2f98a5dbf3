import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { EmployeePlatformName } from '../protocol.ts';

/** Who wrote a relayed message, as the bare relay shows it. */
export interface BareAuthor {
  name: string;
  avatarUrl?: string;
}

/**
 * The employee half of the bare relay: the platform SDK called directly, no queue, no database.
 * A Teams leg adds a factory here (and an EmployeeFake in platforms/).
 */
export interface BareEmployeeSide {
  /** Posts a question's root message (the bare relay's "card") and returns its id. */
  postRoot(text: string): Promise<string>;
  postReply(rootId: string, text: string, author: BareAuthor): Promise<void>;
  /** Handles the platform's inbound HTTP events. */
  listener(req: IncomingMessage, res: ServerResponse): void;
}

/** Starts one platform's bare half; `onReply` gets every employee reply in a root's thread. */
export type BareEmployeeFactory = (settings: Record<string, string>, onReply: (rootId: string, text: string, authorId: string) => void) => BareEmployeeSide;

const setting = (settings: Record<string, string>, name: string): string => {
  const value = settings[name];
  if (value === undefined) throw new Error(`bare relay: missing setting ${name}`);
  return value;
};

/** Slack: WebClient.chat.postMessage out, a Bolt HTTPReceiver in. */
export const bareSlack: BareEmployeeFactory = (settings, onReply) => {
  const token = setting(settings, 'token');
  const channel = setting(settings, 'channel');
  const client = new webApi.WebClient(token, { slackApiUrl: setting(settings, 'apiUrl'), retryConfig: { retries: 0 } });
  const receiver = new HTTPReceiver({ signingSecret: setting(settings, 'signingSecret'), endpoints: '/slack/events' });
  const app = new App({ token, receiver, botId: setting(settings, 'botId'), botUserId: setting(settings, 'botUserId'), tokenVerificationEnabled: false });
  app.event('message', async ({ event }) => {
    const message = event as { subtype?: string; bot_id?: string; thread_ts?: string; ts?: string; text?: string; user?: string };
    if (message.subtype !== undefined || message.bot_id !== undefined || message.thread_ts === undefined || message.thread_ts === message.ts) return;
    onReply(message.thread_ts, message.text ?? '', message.user ?? 'someone');
  });
  return {
    postRoot: async (text) => {
      const result = await client.chat.postMessage({ channel, text });
      if (result.ts === undefined) throw new Error('chat.postMessage returned no ts');
      return result.ts;
    },
    postReply: async (rootId, text, author) => {
      await client.chat.postMessage({ channel, thread_ts: rootId, text, username: author.name, ...(author.avatarUrl === undefined ? {} : { icon_url: author.avatarUrl }) });
    },
    listener: (req, res) => receiver.requestListener(req, res),
  };
};

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Teams: the Bot Framework connector's REST API called with fetch, and a plain HTTP handler for
 * activities (no JWT validation: the least a relay can do, so the floor is if anything low).
 */
export const bareTeams: BareEmployeeFactory = (settings, onReply) => {
  const serviceUrl = setting(settings, 'serviceUrl');
  const headers = { authorization: `Bearer ${setting(settings, 'token')}`, 'content-type': 'application/json' };
  const channel = setting(settings, 'channel');
  const bot = `28:${setting(settings, 'appId')}`;
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${serviceUrl}v3/conversations${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`connector answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    postRoot: async (text) => {
      const created = await post('', { isGroup: true, bot: { id: bot }, channelData: { channel: { id: channel } }, activity: { type: 'message', text: escapeHtml(text) } });
      return String(created['activityId']);
    },
    postReply: async (rootId, text, author) => {
      await post(`/${encodeURIComponent(`${channel};messageid=${rootId}`)}/activities`, { type: 'message', textFormat: 'xml', text: `<b>${escapeHtml(author.name)}</b><br>${escapeHtml(text)}` });
    },
    listener: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(200).end();
        try {
          const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string; replyToId?: string; text?: string; from?: { id?: string; name?: string } };
          if (activity.type === 'message' && activity.replyToId !== undefined && activity.from?.id !== bot) onReply(activity.replyToId, activity.text ?? '', activity.from?.name ?? 'someone');
        } catch {
          // not an activity: ignored
        }
      });
    },
  };
};

/** Bare halves by platform. */
export const BARE_SIDES: Partial<Record<EmployeePlatformName, BareEmployeeFactory>> = { slack: bareSlack, teams: bareTeams };
