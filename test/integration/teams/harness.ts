import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach } from 'vitest';
import { readTeamsEnv, type TeamsBotConfig } from '../../../bots/teams/config.ts';
import { createTeamsBot } from '../../../bots/teams/create-teams-bot.ts';
import type { Env } from '../../../config/env-read.ts';
import type { InboundEvent, IngestOutcome } from '../../../core/domain/events.ts';
import type { Destination } from '../../../core/domain/types.ts';
import { createLogger } from '../../../core/logger.ts';
import type { Bot } from '../../../core/ports/bot.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import type { EmployeeDelivery } from '../../../core/ports/delivery.ts';
import { createFakeConnector, type FakeConnector, type FakeConnectorMember } from '../../fakes/teams/fake-connector.ts';
import { createFakeTeamsIdentity, type FakeTeamsIdentity } from '../../fakes/teams/fake-identity.ts';
import type { ChannelScene, TeamsPerson } from '../../fakes/teams/send-activity.ts';

/** The bot's secret and tenant in every Teams test (each harness gets its own app id). */
export const APP = { password: 'fake-client-secret', tenantId: '11111111-2222-4333-8444-555555555555' };

/** A person answering in Teams. */
export const EMPLOYEE: TeamsPerson = { id: '29:1employee', name: 'Erin Employee', aadObjectId: 'aad-erin' };

/** A running bot behind an express server, wired to a fake identity and connector with authentication ON. */
export interface TeamsHarness {
  /** Fresh per harness: botbuilder caches outbound tokens per app id for the whole process. */
  appId: string;
  identity: FakeTeamsIdentity;
  connector: FakeConnector;
  bot: Bot<EmployeeDelivery>;
  botUrl: string;
  scene: ChannelScene;
  events: InboundEvent[];
  logs: Record<string, unknown>[];
  /** What the stand-in core answers; tests replace it. */
  outcome: (event: InboundEvent) => IngestOutcome;
  /** A valid channel token for the scene's connector. */
  token(): Promise<string>;
  close(): Promise<void>;
}

/** Extra variables, and programmatic overrides applied after reading the environment. */
export interface HarnessOptions {
  env?: Env;
  config?: Partial<TeamsBotConfig>;
  /** Further connectors the bot may talk to besides the harness' own. */
  extraAllowed?: string[];
  /** The command port the bot is started with (none: the bot offers no commands). */
  commands?: CommandPort;
  /** Members the connector answers GET members with. */
  members?: FakeConnectorMember[];
}

/** Serves routes on an express app on 127.0.0.1, port 0, the way Heimo's server mounts them. */
export async function serveRoutes(bot: Bot): Promise<{ server: Server; url: string }> {
  const app = express();
  for (const route of bot.routes) app.use(route.path, route.handler);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Starts fakes, bot and server; the environment is read with readTeamsEnv like production does. */
export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const appId = randomUUID();
  const identity = await createFakeTeamsIdentity({ appId, appPassword: APP.password, tenantId: APP.tenantId });
  const connector = await createFakeConnector({ acceptToken: (token) => token !== undefined && identity.issuedTokens.has(token), pathPrefix: 'teams', ...(options.members === undefined ? {} : { members: options.members }) });
  const env: Env = {
    MICROSOFT_APP_ID: appId,
    MICROSOFT_APP_PASSWORD: APP.password,
    MICROSOFT_APP_TENANT_ID: APP.tenantId,
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_LOGIN_URL: identity.loginUrl,
    TEAMS_ALLOWED_SERVICE_URLS: [connector.serviceUrl, ...(options.extraAllowed ?? [])].join(','),
    TEAMS_SERVICE_URL: connector.serviceUrl,
    ...options.env,
  };
  const read = readTeamsEnv(env);
  if (read.status !== 'configured') throw new Error('the harness environment should configure Teams');
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const bot = createTeamsBot({ ...read.config, logger, loginCa: identity.ca, ...options.config });
  const { server, url } = await serveRoutes(bot);
  const events: InboundEvent[] = [];
  const harness: TeamsHarness = {
    appId,
    identity,
    connector,
    bot,
    botUrl: `${url}/api/messages`,
    scene: { serviceUrl: connector.serviceUrl, appId, tenantId: APP.tenantId, teamId: '19:team-general@thread.tacv2', channelId: '19:support@thread.tacv2' },
    events,
    logs,
    outcome: () => ({ status: 'accepted', conversationId: 'conv-1' }),
    token: () => identity.mintToken({ audience: appId, serviceUrl: connector.serviceUrl }),
    close: async () => {
      await bot.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await identity.close();
    },
  };
  await bot.start(async (event) => {
    events.push(event);
    return harness.outcome(event);
  }, options.commands);
  return harness;
}

/** Gives each test of the calling suite a fresh harness (closed after it) and its channel as a destination. */
export function eachTeamsHarness(use: (harness: TeamsHarness, destination: Destination) => void, options: HarnessOptions = {}): void {
  let current: TeamsHarness | undefined;
  beforeEach(async () => {
    current = await startTeamsHarness(options);
    use(current, { platform: 'teams', channelId: current.scene.channelId, teamId: current.scene.teamId });
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
}
