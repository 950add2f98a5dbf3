import { randomUUID } from 'node:crypto';
import { base, nextMessageId, sendActivity, type ChannelScene, type TeamsPerson } from './send-activity.ts';

/** Where a card action or typed command comes from: the card's chain, and the team it is seen in (which makes the person a member). */
export interface CommandScene {
  rootId: string;
  from: TeamsPerson;
  /** The team as channelData names it (defaults to the scene's); `aadGroupId` as Teams adds it for team channels. */
  team?: { id: string; aadGroupId?: string };
  locale?: string;
}

const withTeam = (activity: ReturnType<typeof base>, team: CommandScene['team']) =>
  team === undefined ? activity : { ...activity, channelData: { ...activity.channelData, teamsTeamId: team.id, team } };

/**
 * The `invoke` Teams sends when someone presses an Action.Execute button on a card in a channel
 * (`trigger: 'automatic'` for a card's refresh); `value`, when the key is given, replaces the whole payload (malformed ones).
 */
export function cardAction(scene: ChannelScene, options: CommandScene & { verb: string; data?: Record<string, unknown>; trigger?: 'manual' | 'automatic'; value?: unknown }): Record<string, unknown> {
  const activity = withTeam(base(scene, 'invoke', `${scene.channelId};messageid=${options.rootId}`), options.team);
  return {
    ...activity,
    id: `f:${randomUUID()}`,
    name: 'adaptiveCard/action',
    replyToId: options.rootId,
    from: options.from,
    locale: options.locale ?? 'en-US',
    value: 'value' in options ? options.value : { action: { type: 'Action.Execute', verb: options.verb, data: options.data ?? {} }, trigger: options.trigger ?? 'manual' },
  };
}

/**
 * A message in a card's reply chain that @mentions the bot first, as Teams sends a bot command
 * (`<at>Heimo</at> resolve` in `text`, the HTML in a text/html attachment, a mention entity);
 * `mentions` names other people it mentions, written `<at>Name</at>` in `command`.
 */
export function mentionCommand(scene: ChannelScene, options: CommandScene & { command: string; mentions?: TeamsPerson[]; id?: string }): Record<string, unknown> {
  const botName = scene.botName ?? 'Heimo';
  const activity = withTeam(base(scene, 'message', `${scene.channelId};messageid=${options.rootId}`), options.team);
  const others = options.mentions ?? [];
  return {
    ...activity,
    id: options.id ?? nextMessageId(),
    replyToId: options.rootId,
    from: options.from,
    locale: options.locale ?? 'en-US',
    textFormat: 'plain',
    text: `<at>${botName}</at> ${options.command}`,
    attachments: [{ contentType: 'text/html', content: `<p><at id="0">${botName}</at> ${options.command}</p>` }],
    entities: [
      { type: 'mention', text: `<at>${botName}</at>`, mentioned: { id: `28:${scene.appId}`, name: botName } },
      ...others.map((person) => ({ type: 'mention', text: `<at>${person.name}</at>`, mentioned: { id: person.id, name: person.name } })),
    ],
  };
}

/** What the bot answered to an invoke: the HTTP status and the invoke response body. */
export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
}

/** Posts an invoke and reads the bot's answer as Teams does. */
export async function sendInvoke(botUrl: string, activity: Record<string, unknown>, token?: string): Promise<InvokeAnswer> {
  const result = await sendActivity(botUrl, activity, token);
  let body: InvokeAnswer['body'];
  try {
    body = result.body === '' ? undefined : (JSON.parse(result.body) as InvokeAnswer['body']);
  } catch {
    body = undefined;
  }
  return { status: result.status, body };
}

/** The `composeExtension/fetchTask` invoke Teams sends when someone picks a message action on a message in a card's chain. */
export function messageAction(scene: ChannelScene, options: CommandScene & { commandId: string; messageId: string; author?: TeamsPerson; value?: unknown }): Record<string, unknown> {
  const activity = withTeam(base(scene, 'invoke', `${scene.channelId};messageid=${options.rootId}`), options.team);
  const author = options.author;
  return {
    ...activity,
    id: `f:${randomUUID()}`,
    name: 'composeExtension/fetchTask',
    from: options.from,
    locale: options.locale ?? 'en-US',
    value:
      'value' in options
        ? options.value
        : {
            commandId: options.commandId,
            commandContext: 'message',
            context: { theme: 'default' },
            messagePayload: {
              id: options.messageId,
              replyToId: options.rootId,
              messageType: 'message',
              body: { contentType: 'html', content: '<p>Try clearing the cache</p>' },
              ...(author === undefined ? {} : { from: { user: { id: author.id, displayName: author.name, ...(author.aadObjectId ? { aadObjectId: author.aadObjectId } : {}), userIdentityType: 'aadUser' } } }),
            },
          },
  };
}
