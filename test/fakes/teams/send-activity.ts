import { randomUUID } from 'node:crypto';

/** What the bot answered to a posted activity. */
export interface SendResult {
  status: number;
  body: string;
}

/** Posts a Bot Framework activity to the bot as Teams' channel service would; no token sends no header. */
export async function sendActivity(botUrl: string, activity: Record<string, unknown>, token?: string): Promise<SendResult> {
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

/** Where a channel activity happens: the team, channel, tenant and the bot it is addressed to. */
export interface ChannelScene {
  serviceUrl: string;
  appId: string;
  botName?: string;
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** A Teams user as activities describe them. */
export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId?: string;
}

let counter = 1_700_000_000_000;
/** A fresh Teams-style message id (milliseconds since the epoch). */
export const nextMessageId = (): string => String((counter += 7));

/** The fields every channel activity carries: connector, bot, conversation, team, channel and tenant. */
export const base = (scene: ChannelScene, type: string, conversationId: string) => ({
  type,
  channelId: 'msteams',
  serviceUrl: scene.serviceUrl,
  timestamp: new Date().toISOString(),
  recipient: { id: `28:${scene.appId}`, name: scene.botName ?? 'Heimo' },
  conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: scene.tenantId },
  channelData: {
    teamsChannelId: scene.channelId,
    teamsTeamId: scene.teamId,
    channel: { id: scene.channelId },
    team: { id: scene.teamId },
    tenant: { id: scene.tenantId },
  },
});

/**
 * A message in a channel reply chain, its HTML in a text/html attachment as Teams sends it;
 * `files` (file, card or image attachments) come before that body, in Teams' order.
 */
export function channelReply(
  scene: ChannelScene,
  options: { rootId: string; from: TeamsPerson; html: string; id?: string; entities?: unknown[]; files?: Record<string, unknown>[] },
): Record<string, unknown> {
  const id = options.id ?? nextMessageId();
  return {
    ...base(scene, 'message', `${scene.channelId};messageid=${options.rootId}`),
    id,
    replyToId: options.rootId,
    from: options.from,
    textFormat: 'plain',
    text: options.html.replace(/<[^>]+>/g, ''),
    attachments: [...(options.files ?? []), { contentType: 'text/html', content: options.html }],
    entities: options.entities ?? [],
  };
}

/** Teams' `messageUpdate` with eventType `editMessage`. */
export function channelEdit(scene: ChannelScene, options: { rootId: string; id: string; from: TeamsPerson; html: string }): Record<string, unknown> {
  const activity = base(scene, 'messageUpdate', `${scene.channelId};messageid=${options.rootId}`);
  return {
    ...activity,
    id: options.id,
    from: options.from,
    textFormat: 'plain',
    text: options.html.replace(/<[^>]+>/g, ''),
    attachments: [{ contentType: 'text/html', content: options.html }],
    channelData: { ...activity.channelData, eventType: 'editMessage' },
  };
}

/** Teams' `messageDelete` with eventType `softDeleteMessage`. */
export function channelDelete(scene: ChannelScene, options: { rootId: string; id: string; from: TeamsPerson }): Record<string, unknown> {
  const activity = base(scene, 'messageDelete', `${scene.channelId};messageid=${options.rootId}`);
  return { ...activity, id: options.id, from: options.from, channelData: { ...activity.channelData, eventType: 'softDeleteMessage' } };
}

/** What a `messageReaction` activity says: who reacted on which message of a reply chain, and the reaction types. */
export interface ChannelReactionOptions {
  /** The reply chain's root; the card's id when the reacted message is the card itself. */
  rootId: string;
  /** The reacted message (Teams puts it in `replyToId`). */
  messageId: string;
  from: TeamsPerson;
  /** Teams reaction types (`like`, `heart`... or an emoji itself). */
  added?: string[];
  removed?: string[];
}

/** Teams' `messageReaction` on a message in a channel reply chain; post it with sendActivity and a channel token. */
export function channelReaction(scene: ChannelScene, options: ChannelReactionOptions): Record<string, unknown> {
  return {
    ...base(scene, 'messageReaction', `${scene.channelId};messageid=${options.rootId}`),
    // Teams gives reaction activities an id of their own, unrelated to the message's.
    id: `f:${randomUUID()}`,
    replyToId: options.messageId,
    from: options.from,
    ...(options.added === undefined ? {} : { reactionsAdded: options.added.map((type) => ({ type })) }),
    ...(options.removed === undefined ? {} : { reactionsRemoved: options.removed.map((type) => ({ type })) }),
  };
}

/** The `installationUpdate` Teams sends when the app is added to a team. */
export function installation(scene: ChannelScene, from: TeamsPerson): Record<string, unknown> {
  return { ...base(scene, 'installationUpdate', scene.teamId), id: nextMessageId(), action: 'add', from };
}

/** A file as Teams attaches it to a message: SharePoint's address, plus a short-lived download link. */
export function fileDownloadInfo(name: string, options: { site?: string; uniqueId?: string } = {}): Record<string, unknown> {
  const site = options.site ?? 'https://contoso.sharepoint.com/sites/Support';
  const uniqueId = options.uniqueId ?? randomUUID();
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl: `${site}/Shared%20Documents/General/${encodeURIComponent(name)}`,
    name,
    content: {
      downloadUrl: `${site}/_layouts/15/download.aspx?UniqueId=${uniqueId}&Translate=false&tempauth=fake-tempauth`,
      uniqueId,
      fileType: name.split('.').pop() ?? '',
    },
  };
}

