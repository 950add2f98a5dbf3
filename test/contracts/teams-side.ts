import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeConnector, type FakeConnector, type FakeConnectorActivity } from '../fakes/teams/fake-connector.ts';
import { createFakeTeamsIdentity, type FakeTeamsIdentity } from '../fakes/teams/fake-identity.ts';
import { channelDelete, channelEdit, channelReaction, channelReply, sendActivity, type ChannelScene, type SendResult, type TeamsPerson } from '../fakes/teams/send-activity.ts';
import type { EmployeeSide, RecordedCard, RecordedPost } from './employee-side.ts';

const APP_PASSWORD = 'contract-client-secret';
const TENANT_ID = '11111111-2222-4333-8444-555555555555';
const TEAM_ID = '19:team-acme@thread.tacv2';
const CHANNEL_ID = '19:support@thread.tacv2';
/** The employee answering in Teams (the contract expects an Alice). */
export const TEAMS_EMPLOYEE: TeamsPerson = { id: '29:1alice', name: 'Alice Lindqvist', aadObjectId: 'aad-alice' };

/** An echo of one of Heimo's own posts, sent back to Heimo as a channel message. */
export interface TeamsEcho {
  id: string;
  status: number;
}

/** The Teams stand-ins as the employee side of the contract suite, plus what the spine tests need. */
export interface TeamsSide extends EmployeeSide {
  appId: string;
  identity: FakeTeamsIdentity;
  connector: FakeConnector;
  scene: ChannelScene;
  /** Heimo's messaging endpoint (`${heimoUrl}/api/messages`), once attached. */
  botUrl(): string;
  /** A valid channel token for the fake connector's serviceUrl. */
  token(): Promise<string>;
  /** Posts an activity to Heimo as it stands; no token sends no Authorization header. */
  send(activity: Record<string, unknown>, token?: string): Promise<SendResult>;
  /** Heimo's posts echoed back to it (as a platform that delivers a bot its own messages would). */
  echoes: TeamsEcho[];
}

// What a Teams client sends for its classic reactions; any other emoji is sent as itself.
const REACTION_TYPES = new Map([
  ['👍', 'like'],
  ['❤', 'heart'],
  ['😆', 'laugh'],
  ['😮', 'surprised'],
  ['😢', 'sad'],
  ['😠', 'angry'],
]);
/** The reaction type a Teams client sends for an emoji (U+FE0F is optional: "❤️" and "❤" are one reaction). */
const reactionType = (emoji: string): string => REACTION_TYPES.get(emoji.replace(/\uFE0F/g, '')) ?? emoji;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (...values: unknown[]): string[] => values.filter((value): value is string => typeof value === 'string' && value !== '');

/** What an Adaptive Card element shows, as text lines (a CodeBlock's fallback repeats it, so it is skipped). */
function cardElementText(element: unknown): string[] {
  if (Array.isArray(element)) return element.flatMap(cardElementText);
  if (!isRecord(element)) return [];
  const facts = Array.isArray(element['facts']) ? element['facts'].filter(isRecord).map((fact) => strings(fact['title'], fact['value']).join(': ')) : [];
  return [
    ...strings(element['text'], element['codeSnippet']),
    ...facts,
    // Actions show their title; an OpenUrl action is only useful with its address.
    ...(typeof element['type'] === 'string' && element['type'].startsWith('Action.') ? strings(element['title'], element['url']) : []),
    ...['body', 'items', 'columns', 'actions'].flatMap((key) => cardElementText(element[key])),
  ];
}

/** Everything the card attachments of a held activity show, flattened to text. */
function cardText(held: FakeConnectorActivity): string {
  const attachments = Array.isArray(held.activity['attachments']) ? held.activity['attachments'].filter(isRecord) : [];
  return attachments.flatMap((attachment) => cardElementText(attachment['content'])).join('\n');
}

const decodeEntities = (text: string): string =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Heimo's Teams posts start with the author in bold (a bot cannot post as someone else), then a line break.
const HEADER = /^<b>(.*?)<\/b>(?: <i>\(internal note\)<\/i>)?<br>/;

/** One of Heimo's thread posts: its HTML without the author line, and the bold name of that line. */
function toPost(held: FakeConnectorActivity): RecordedPost {
  const html = typeof held.activity['text'] === 'string' ? held.activity['text'] : '';
  const header = HEADER.exec(html);
  return { id: held.id, text: header ? html.slice(header[0].length) : html, author: header ? decodeEntities(header[1] ?? '') : '' };
}

/**
 * The Teams stand-ins (OpenID/JWKS issuer, HTTPS login authority, Bot Framework connector) as the
 * employee side of the contract suite, with authentication ON: Heimo trusts the fake login
 * authority through TEAMS_LOGIN_CA_FILE and only fake-signed tokens reach /api/messages.
 */
export async function createTeamsSide(): Promise<TeamsSide> {
  // botbuilder caches outbound tokens per app id for the whole process: a fresh id per side.
  const appId = randomUUID();
  const identity = await createFakeTeamsIdentity({ appId, appPassword: APP_PASSWORD, tenantId: TENANT_ID });
  const connector = await createFakeConnector({ acceptToken: (token) => token !== undefined && identity.issuedTokens.has(token), pathPrefix: 'teams' });
  const caDir = await mkdtemp(join(tmpdir(), 'heimo-teams-ca-'));
  const caFile = join(caDir, 'login-ca.pem');
  await writeFile(caFile, identity.ca);
  const scene: ChannelScene = { serviceUrl: connector.serviceUrl, appId, tenantId: TENANT_ID, teamId: TEAM_ID, channelId: CHANNEL_ID };
  const chain = (rootId: string): string => `${CHANNEL_ID};messageid=${rootId}`;
  const isCard = (held: FakeConnectorActivity): boolean => held.conversationId === chain(held.id);

  let botUrl = '';
  let lastEmployeeActivity: Record<string, unknown> | undefined;
  const echoes: TeamsEcho[] = [];
  const token = (): Promise<string> => identity.mintToken({ audience: appId, serviceUrl: connector.serviceUrl });
  const send = (activity: Record<string, unknown>, bearer?: string): Promise<SendResult> => {
    if (!botUrl) throw new Error('the Teams side is not attached to Heimo yet');
    return sendActivity(botUrl, activity, bearer);
  };
  /** Sends an employee activity signed as Teams does, and insists Heimo took it. */
  const sendAsEmployee = async (activity: Record<string, unknown>): Promise<void> => {
    lastEmployeeActivity = activity;
    const result = await send(activity, await token());
    if (result.status !== 200) throw new Error(`Heimo answered ${activity['type']} with ${result.status}: ${result.body}`);
  };

  // Echo every new post of Heimo's back to it from the bot's own account, so the contract's echo
  // test proves the bot drops them rather than passing because nothing came back.
  const echoed = new Set<string>();
  let echoing = Promise.resolve();
  const echoNew = (): void => {
    if (!botUrl) return;
    for (const [key, held] of connector.activities) {
      if (echoed.has(key)) continue;
      echoed.add(key);
      const rootId = held.conversationId.split(';messageid=')[1] ?? held.id;
      const html = typeof held.activity['text'] === 'string' ? held.activity['text'] : cardText(held);
      const echo = channelReply(scene, { rootId, id: held.id, from: { id: `28:${appId}`, name: 'Heimo' }, html });
      echoing = echoing.then(async () => {
        let status = 0; // 0: Heimo was not reachable (stopped between tests or restarting)
        try {
          status = (await send(echo, await token())).status;
        } catch {
          // recorded as 0 below
        }
        echoes.push({ id: held.id, status });
      });
    }
  };
  const echoTimer = setInterval(echoNew, 25);
  echoTimer.unref();

  return {
    platform: 'teams',
    appId,
    identity,
    connector,
    scene,
    echoes,
    env: {
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: APP_PASSWORD,
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_LOGIN_URL: identity.loginUrl,
      TEAMS_LOGIN_CA_FILE: caFile,
      TEAMS_ALLOWED_SERVICE_URLS: connector.serviceUrl,
      TEAMS_SERVICE_URL: connector.serviceUrl,
    },
    destination: { platform: 'teams', teamId: TEAM_ID, channelId: CHANNEL_ID },
    attach: async (heimoUrl) => {
      botUrl = `${heimoUrl}/api/messages`;
    },
    botUrl: () => botUrl,
    token,
    send,
    bold: (text) => `<b>${text}</b>`,
    // Each createConversation stores its root under `${channel};messageid=${root}`; updates replace it in place.
    cards: (): RecordedCard[] => [...connector.activities.values()].filter(isCard).map((held) => ({ id: held.id, text: cardText(held) })),
    threadPosts: (cardId) => connector.thread(CHANNEL_ID, cardId).filter((held) => held.id !== cardId).map(toPost),
    // Files are not carried from Teams yet: `files` is accepted and ignored.
    reply: async (cardId, text, _files) => {
      const activity = channelReply(scene, { rootId: cardId, from: TEAMS_EMPLOYEE, html: `<p>${text}</p>` });
      await sendAsEmployee(activity);
      return String(activity['id']);
    },
    edit: async (cardId, messageId, text) => {
      await sendAsEmployee(channelEdit(scene, { rootId: cardId, id: messageId, from: TEAMS_EMPLOYEE, html: `<p>${text}</p>` }));
    },
    remove: async (cardId, messageId) => {
      await sendAsEmployee(channelDelete(scene, { rootId: cardId, id: messageId, from: TEAMS_EMPLOYEE }));
    },
    // Bot Framework has no call for a bot to react, so Heimo never has reactions of its own here.
    canReact: false,
    react: async (cardId, messageId, emoji, added) => {
      const types = [reactionType(emoji)];
      await sendAsEmployee(channelReaction(scene, { rootId: cardId, messageId, from: TEAMS_EMPLOYEE, ...(added ? { added: types } : { removed: types }) }));
    },
    botReactions: () => [],
    redeliverLast: async () => {
      if (!lastEmployeeActivity) throw new Error('no employee activity to redeliver');
      // Same activity, same id: what Teams sends when it did not see Heimo's answer in time.
      await sendAsEmployee(lastEmployeeActivity);
    },
    // The fake fails the next connector call, whatever it is; in the contract that is the thread post.
    failNextPost: (status) => connector.failNext(status === 429 ? { status, retryAfterSeconds: 1 } : { status }),
    postAttempts: () => connector.calls.filter((call) => call.operation === 'sendToConversation' || call.operation === 'replyToActivity').length,
    close: async () => {
      clearInterval(echoTimer);
      await echoing;
      await connector.close();
      await identity.close();
      await rm(caDir, { recursive: true, force: true });
    },
  };
}
