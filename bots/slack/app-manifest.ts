import { SLACK_EVENTS_PATH } from './http-transport.ts';

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
  'reactions:read': 'receive reactions',
  'reactions:write': 'mirror Discord reactions onto Slack',
  'files:read': 'carry files employees attach over to Discord',
} as const;

/** The bot events Heimo subscribes to: replies in public and private channels, and reactions. */
export const SLACK_BOT_EVENTS = ['message.channels', 'message.groups', 'reaction_added', 'reaction_removed'] as const;

/** How Slack reaches Heimo: posts to its public address, or Socket Mode (no public address). */
export type SlackManifestMode = { socketMode: true } | { socketMode: false; publicUrl: string };

/** A Slack app manifest (the JSON pasted in api.slack.com/apps → Create New App → From a manifest). */
export interface SlackAppManifest {
  display_information: { name: string; description: string; background_color: string };
  features: { bot_user: { display_name: string; always_online: boolean } };
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
  // Bolt's HTTP receiver takes events and interactions (the card's button) on one path.
  const requestUrl = mode.socketMode ? undefined : `${mode.publicUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
  const at = requestUrl === undefined ? {} : { request_url: requestUrl };
  return {
    display_information: {
      name,
      description: 'Answers Discord community questions from Slack',
      background_color: '#2c2d30',
    },
    features: { bot_user: { display_name: name, always_online: true } },
    oauth_config: { scopes: { bot: Object.keys(SLACK_BOT_SCOPES) } },
    settings: {
      event_subscriptions: { ...at, bot_events: [...SLACK_BOT_EVENTS] },
      // The card's "Open in Discord" button still posts an interaction, which Heimo acknowledges.
      interactivity: { is_enabled: true, ...at },
      org_deploy_enabled: false,
      socket_mode_enabled: mode.socketMode,
      token_rotation_enabled: false,
    },
  };
}
