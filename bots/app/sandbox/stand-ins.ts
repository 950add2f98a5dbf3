import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../../../config/env-read.ts';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import { createFakeDiscord, type FakeDiscord } from '../../../test/fakes/discord/index.ts';
import { snowflake, type FakeChannel } from '../../../test/fakes/discord/state.ts';
import { createFakeSlack, type FakeSlack } from '../../../test/fakes/slack/fake-slack.ts';
import { createFakeConnector, type FakeConnector } from '../../../test/fakes/teams/fake-connector.ts';
import { createFakeTeamsIdentity, type FakeTeamsIdentity } from '../../../test/fakes/teams/fake-identity.ts';
import type { ChannelScene, TeamsPerson } from '../../../test/fakes/teams/send-activity.ts';

/** The Slack workspace of the sandbox: one support channel and two employees. */
export const SLACK = {
  channel: { id: 'C0SUPPORT', name: 'support' },
  signingSecret: 'sandbox-signing-secret',
  employees: [
    { id: 'U0ALICE', name: 'alice', realName: 'Alice Lindqvist', displayName: 'Alice' },
    { id: 'U0ERIK', name: 'erik', realName: 'Erik Berg', displayName: 'Erik' },
  ],
} as const;

/** The Teams tenant of the sandbox: one team with a Support channel and two employees. */
export const TEAMS = {
  tenantId: '11111111-2222-4333-8444-555555555555',
  team: { id: '19:team-acme@thread.tacv2', name: 'Acme Support' },
  channel: { id: '19:support@thread.tacv2', name: 'Partner support' },
  appPassword: 'sandbox-client-secret',
  employees: [
    { id: '29:1alice', name: 'Alice Lindqvist', aadObjectId: 'aad-alice' },
    { id: '29:1noor', name: 'Noor Haddad', aadObjectId: 'aad-noor' },
  ] satisfies TeamsPerson[],
} as const;

/** Running stand-ins of Discord, Slack and Teams, and the settings that point Heimo at them. */
export interface StandIns {
  discord: FakeDiscord;
  slack: FakeSlack;
  teams: { identity: FakeTeamsIdentity; connector: FakeConnector; scene: ChannelScene; appId: string };
  /** The Discord text channel routed to Teams (the seeded help channel and forum go to Slack). */
  partnerChannelId: string;
  /** Heimo's environment: every platform endpoint on loopback. */
  env: Env;
  network: NetworkConfig;
  close(): Promise<void>;
}

// The seeded Discord world has #help and a forum; a third text channel shows a route to Teams.
function addPartnerChannel(discord: FakeDiscord): string {
  const channel: FakeChannel = {
    id: snowflake(), type: 0, guild_id: discord.world.guildId, name: 'partner-help', parent_id: null, position: 3,
    permission_overwrites: [], last_message_id: null, rate_limit_per_user: 0,
  };
  discord.world.channels.set(channel.id, channel);
  return channel.id;
}

/** Starts the three stand-ins on 127.0.0.1 (free ports); `workDir` receives the Teams login CA file. */
export async function startStandIns(workDir: string): Promise<StandIns> {
  const discord = createFakeDiscord();
  const partnerChannelId = addPartnerChannel(discord);
  await discord.start();
  const slack = await createFakeSlack({ users: [...SLACK.employees], channels: [SLACK.channel.id] });
  const appId = randomUUID();
  const identity = await createFakeTeamsIdentity({ appId, appPassword: TEAMS.appPassword, tenantId: TEAMS.tenantId });
  const connector = await createFakeConnector({ acceptToken: (token) => token !== undefined && identity.issuedTokens.has(token), pathPrefix: 'teams' });
  const caFile = join(workDir, 'teams-login-ca.pem');
  await writeFile(caFile, identity.ca);
  const scene: ChannelScene = { serviceUrl: connector.serviceUrl, appId, tenantId: TEAMS.tenantId, teamId: TEAMS.team.id, channelId: TEAMS.channel.id };
  const { world } = discord;
  const slackDestination = { platform: 'slack', channelId: SLACK.channel.id } as const;
  return {
    discord,
    slack,
    teams: { identity, connector, scene, appId },
    partnerChannelId,
    env: {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_SIGNING_SECRET: SLACK.signingSecret,
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: TEAMS.appPassword,
      MICROSOFT_APP_TENANT_ID: TEAMS.tenantId,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_LOGIN_URL: identity.loginUrl,
      TEAMS_LOGIN_CA_FILE: caFile,
      TEAMS_ALLOWED_SERVICE_URLS: connector.serviceUrl,
      TEAMS_SERVICE_URL: connector.serviceUrl,
    },
    network: {
      internalMarkers: ['//', 'note:'],
      communities: [
        defineCommunity({
          id: 'acme',
          name: 'Acme Community',
          discordGuildId: world.guildId,
          routes: [
            { discordChannelId: world.ids.help, destination: slackDestination },
            { discordChannelId: world.ids.forum, destination: slackDestination },
            { discordChannelId: partnerChannelId, destination: { platform: 'teams', teamId: TEAMS.team.id, channelId: TEAMS.channel.id } },
          ],
        }),
      ],
    },
    close: async () => {
      await Promise.allSettled([discord.close(), slack.close(), connector.close(), identity.close()]);
    },
  };
}
