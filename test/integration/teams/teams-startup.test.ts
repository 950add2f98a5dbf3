import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_SERVICE_URLS, readTeamsEnv, type TeamsEnvConfig } from '../../../bots/teams/config.ts';
import { createTeamsBot } from '../../../bots/teams/create-teams-bot.ts';
import { ConfigError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { channelReply, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { EMPLOYEE, serveRoutes, startTeamsHarness } from './harness.ts';

const TENANT = '11111111-2222-4333-8444-555555555555';

const configError = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const configured = (env: Record<string, string>): TeamsEnvConfig => {
  const read = readTeamsEnv(env);
  if (read.status !== 'configured') throw new Error('expected Teams to be configured');
  return read.config;
};

const recordingLogger = () => {
  const lines: { level: string; msg: string }[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { level: string; msg: string }) }) };
};

describe('Teams configuration and start-up', () => {
  it('should report Teams as absent when no Teams variable is set or the switch is explicitly off', () => {
    const absent = { status: 'absent', missing: ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] };
    expect(readTeamsEnv({})).toEqual(absent);
    expect(readTeamsEnv({ HEIMO_TEAMS_INSECURE_DEV: 'false', MICROSOFT_APP_ID: '  ' })).toEqual(absent);
  });

  it('should refuse with a ConfigError naming MICROSOFT_APP_ID when Teams is set up without credentials or the switch', () => {
    const error = configError(() => readTeamsEnv({ TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/' }));

    expect(error.variable).toBe('MICROSOFT_APP_ID');
  });

  it('should refuse with a ConfigError naming MICROSOFT_APP_ID when the bot is created with an empty app id and no switch', () => {
    const config = configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TENANT });

    const error = configError(() => createTeamsBot({ ...config, appId: '', logger: createLogger({ level: 'silent' }) }));

    expect(error.variable).toBe('MICROSOFT_APP_ID');
  });

  it('should name the first missing credential when the set is incomplete', () => {
    expect(configError(() => readTeamsEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TENANT_ID: TENANT })).variable).toBe('MICROSOFT_APP_PASSWORD');
    expect(configError(() => readTeamsEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant' })).variable).toBe(
      'MICROSOFT_APP_TENANT_ID',
    );
  });

  it('should default to Teams’ own hosts and a single-tenant app when only credentials are given', () => {
    const config = configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TENANT });

    expect(config).toMatchObject({
      appType: 'SingleTenant',
      loginUrl: 'https://login.microsoftonline.com',
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      serviceUrl: 'https://smba.trafficmanager.net/teams/',
      allowedServiceUrls: DEFAULT_ALLOWED_SERVICE_URLS,
      insecureDev: false,
    });
  });

  it('should use the US Government endpoints when the login authority is a .us host', () => {
    const config = configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TENANT, TEAMS_LOGIN_URL: 'https://login.microsoftonline.us' });

    expect(config.openIdMetadataUrl).toBe('https://login.botframework.azure.us/v1/.well-known/openidconfiguration');
  });

  it('should accept a managed identity without a password and a multi-tenant app without a tenant', () => {
    expect(configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI' }).appType).toBe('UserAssignedMSI');
    expect(configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret' }).appType).toBe('MultiTenant');
  });

  it('should refuse an unknown app type and a plain-HTTP connector outside this machine', () => {
    const base = { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TENANT };
    expect(configError(() => readTeamsEnv({ ...base, MICROSOFT_APP_TYPE: 'Anything' })).variable).toBe('MICROSOFT_APP_TYPE');
    expect(configError(() => readTeamsEnv({ ...base, TEAMS_ALLOWED_SERVICE_URLS: 'http://connector.example/' })).variable).toBe('TEAMS_ALLOWED_SERVICE_URLS');
  });

  it('should refuse a TEAMS_SERVICE_URL outside the allowlist when the bot is created', () => {
    const config = configured({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TENANT, TEAMS_SERVICE_URL: 'https://connector.example/' });

    expect(configError(() => createTeamsBot({ ...config, logger: createLogger({ level: 'silent' }) })).variable).toBe('TEAMS_SERVICE_URL');
  });

  it('should log a warning on every start when the insecure development switch is set', async () => {
    const { lines, logger } = recordingLogger();
    const bot = createTeamsBot({ ...configured({ HEIMO_TEAMS_INSECURE_DEV: 'true' }), logger });

    await bot.start(async () => ({ status: 'unlinked', reason: 'test' }));
    await bot.stop();
    await bot.start(async () => ({ status: 'unlinked', reason: 'test' }));

    const warnings = lines.filter((line) => line.level === 'warn' && line.msg.includes('HEIMO_TEAMS_INSECURE_DEV'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.msg).toContain('authentication is OFF');
    expect(bot.health()).toMatchObject({ ok: true });
    expect(bot.health().detail).toContain('WITHOUT authentication');
  });

  it('should still refuse a serviceUrl outside the allowlist when authentication is off', async () => {
    const allowed = 'http://127.0.0.1:9/teams/';
    const bot = createTeamsBot({
      ...configured({ HEIMO_TEAMS_INSECURE_DEV: 'true', TEAMS_ALLOWED_SERVICE_URLS: allowed, TEAMS_SERVICE_URL: allowed }),
      logger: createLogger({ level: 'silent' }),
    });
    const events: unknown[] = [];
    await bot.start(async (event) => {
      events.push(event);
      return { status: 'unlinked', reason: 'test' };
    });
    const { server, url } = await serveRoutes(bot);
    const scene = { serviceUrl: allowed, appId: '', tenantId: TENANT, teamId: '19:t@thread.tacv2', channelId: '19:c@thread.tacv2' };
    try {
      const forged = await sendActivity(`${url}/api/messages`, channelReply({ ...scene, serviceUrl: 'https://attacker.example/' }, { rootId: nextMessageId(), from: EMPLOYEE, html: 'hi' }));
      const local = await sendActivity(`${url}/api/messages`, channelReply(scene, { rootId: nextMessageId(), from: EMPLOYEE, html: 'hi' }));

      expect(forged.status).toBe(403);
      expect(local.status).toBe(200);
      expect(events).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('should keep authentication ON and say the switch is ignored when credentials are present too', async () => {
    const h = await startTeamsHarness({ env: { HEIMO_TEAMS_INSECURE_DEV: 'true' } });
    try {
      const result = await sendActivity(h.botUrl, channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: 'hi' }));

      expect(result.status).toBe(401);
      expect(h.events).toEqual([]);
      expect(h.logs.some((line) => line['level'] === 'warn' && String(line['msg']).includes('ignored'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});
