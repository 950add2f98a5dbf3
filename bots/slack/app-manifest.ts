import { SHORTCUT_COMMANDS, SLASH_COMMAND, shortcutCallbackId } from './command-input.ts';
import { SLACK_COMMANDS_PATH, SLACK_EVENTS_PATH, SLACK_INTERACTIONS_PATH } from './http-transport.ts';

/**
 * Every bot scope Heimo's Slack app needs, with the reason. README's scope list, the manifest and
 * `heimo doctor`'s scope check all read this one list (a test holds README to it).
 */
export const SLACK_BOT_SCOPES = {
  'chat:write': 'post cards and relayed messages',
  'chat:write.customize': "show the customer's name and avatar on relayed messages",
  'channels:history': 'receive replies in public channels',
  'groups:history': 'receive replies in private channels',
  'channels:read': 'heimo doctor: check the bot is in each public destination channel',
  'groups:read': 'heimo doctor: check the bot is in each private destination channel',
  'users:read': "show employees' names and avatars on Discord",
  'users:read.email': "match employees' accounts on Slack and Teams by e-mail, and recognise staff",
  'reactions:read': 'receive reactions',
  'reactions:write': 'mirror Discord reactions onto Slack',
  'files:read': 'carry files employees attach over to Discord',
  commands: 'the /heimo command and the message shortcuts',
  'im:write': 'tell an assignee privately (a direct message)',
  'usergroups:read': "read the user groups that make someone staff or a moderator",
} as const;

// What Slack shows for the command and the shortcuts (English: the manifest has one language).
const SLASH_DESCRIPTION = 'Questions, queue, on-duty and the knowledge base: /heimo help lists the commands';
const SLASH_HINT = '[command] [options] [question id or link]';
const SHORTCUTS: Record<(typeof SHORTCUT_COMMANDS)[number], { name: string; description: string }> = {
  'mark-solution': { name: 'Mark as solution', description: "Resolve this reply's question with this message as its answer" },
  'add-to-kb': { name: 'Add to knowledge base', description: "Make an article of this reply's question with this message as its answer" },
  claim: { name: 'Claim question', description: "Take this reply's question yourself" },
  resolve: { name: 'Resolve question', description: "Mark this reply's question solved" },
  close: { name: 'Close question', description: "Close this reply's question without a solution" },
};

/** The bot events Heimo subscribes to: replies in public and private channels, and reactions. */
export const SLACK_BOT_EVENTS = ['message.channels', 'message.groups', 'reaction_added', 'reaction_removed'] as const;

/** How Slack reaches Heimo: posts to its public address, or Socket Mode (no public address). */
export type SlackManifestMode = { socketMode: true } | { socketMode: false; publicUrl: string };

/** A Slack app manifest (the JSON pasted in api.slack.com/apps → Create New App → From a manifest). */
export interface SlackAppManifest {
  display_information: { name: string; description: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{ command: string; description: string; usage_hint: string; should_escape: boolean; url?: string }>;
    shortcuts: Array<{ name: string; type: 'message'; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Builds the manifest; `name` is the app and bot user name (Heimo unless given). */
export function buildSlackManifest(mode: SlackManifestMode, name = 'Heimo'): SlackAppManifest {
  // Socket Mode needs no URLs; over HTTP each kind of request has its own path (one handler serves all).
  const base = mode.socketMode ? undefined : mode.publicUrl.replace(/\/+$/, '');
  const urlOf = <K extends string>(key: K, path: string): Partial<Record<K, string>> => (base === undefined ? {} : ({ [key]: `${base}${path}` } as Record<K, string>));
  return {
    display_information: {
      name,
      description: 'Answers Discord community questions from Slack',
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      // should_escape: mentions and channels arrive as ids (`<@U1>`), which `assign` needs.
      slash_commands: [{ command: SLASH_COMMAND, description: SLASH_DESCRIPTION, usage_hint: SLASH_HINT, should_escape: true, ...urlOf('url', SLACK_COMMANDS_PATH) }],
      shortcuts: SHORTCUT_COMMANDS.map((command) => ({ type: 'message' as const, callback_id: shortcutCallbackId(command), ...SHORTCUTS[command] })),
    },
    oauth_config: { scopes: { bot: Object.keys(SLACK_BOT_SCOPES) } },
    settings: {
      event_subscriptions: { ...urlOf('request_url', SLACK_EVENTS_PATH), bot_events: [...SLACK_BOT_EVENTS] },
      // The card's buttons and the message shortcuts.
      interactivity: { is_enabled: true, ...urlOf('request_url', SLACK_INTERACTIONS_PATH) },
      org_deploy_enabled: false,
      socket_mode_enabled: mode.socketMode,
      token_rotation_enabled: false,
    },
  };
}
