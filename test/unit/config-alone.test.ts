import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, referenceRows } from '../../bots/app/config-command.ts';
import { DISCORD_ENV } from '../../bots/discord/config.ts';
import { SLACK_ENV } from '../../bots/slack/config.ts';
import { TEAMS_ENV } from '../../bots/teams/config.ts';
import { withEnvFile } from '../../config/env-file.ts';
import { ConfigError } from '../../core/errors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'heimo-alone-'));
  await copyFile(new URL('../../config/network.example.json', import.meta.url), join(dir, 'network.json'));
  await writeFile(join(dir, 'login-ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  await writeFile(join(dir, 'heimo.env'), 'LOG_LEVEL=warn\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// What an operator would type for variables whose README default is not a value (credentials, paths).
const typical = (name: string): string | undefined =>
  ({
    HEIMO_CONFIG: join(dir, 'network.json'),
    DATABASE_URL: 'postgresql://heimo:secret@db.internal:5432/heimo',
    REDIS_URL: 'redis://cache.internal:6379',
    HEIMO_ENV_FILE: join(dir, 'heimo.env'),
    HEIMO_QUEUE_PREFIX: 'heimo-prod',
    HEIMO_PUBLIC_URL: 'https://heimo.example.com',
    METRICS_PORT: '9464',
    HEIMO_ADMIN_TOKEN: 'f3a9c2e17b6d4e58a0c1',
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_SHARD_IDS: '0',
    DISCORD_TOKEN: 'MTA.discord-bot-token',
    SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
    SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
    SLACK_APP_TOKEN: 'xapp-1-A1-2-abc',
    SLACK_BOT_USER_ID: 'U0123456789',
    SLACK_BOT_ID: 'B0123456789',
    MICROSOFT_APP_ID: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    MICROSOFT_APP_PASSWORD: 'client-secret-value',
    MICROSOFT_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555',
    TEAMS_LOGIN_CA_FILE: join(dir, 'login-ca.pem'),
    TEAMS_ALLOWED_SERVICE_URLS: 'https://smba.infra.gov.teams.microsoft.us/',
  })[name];

// The README default itself when it is a value (the first `code` span of the default column).
const documentedDefault = (fallback: string): string | undefined => /`([^`]+)`/.exec(fallback)?.[1];

// The one failure a variable alone may cause: its platform is half configured, and the error names what it lacks.
const PLATFORM_OF: Record<string, string[]> = { discord: Object.keys(DISCORD_ENV), slack: Object.keys(SLACK_ENV), teams: Object.keys(TEAMS_ENV) };
const platformOf = (name: string): string | undefined => Object.keys(PLATFORM_OF).find((platform) => PLATFORM_OF[platform]?.includes(name));

// The least a platform needs; a platform's own variable added to it must never be refused.
const MINIMAL: Record<string, Record<string, string>> = {
  discord: { DISCORD_TOKEN: 'MTA.discord-bot-token' },
  slack: { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543' },
  teams: { MICROSOFT_APP_ID: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', MICROSOFT_APP_PASSWORD: 'client-secret-value', MICROSOFT_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555' },
};

describe('each documented variable set alone', () => {
  for (const row of referenceRows()) {
    it(`should start-check cleanly or only ask for the rest of its platform when ${row.name} is set alone`, async () => {
      const value = typical(row.name) ?? documentedDefault(row.default);
      expect(value, `${row.name} needs a typical value in this test`).toBeDefined();
      const env = withEnvFile({ [row.name]: value }, dir);
      const outcome = await checkConfig(env, () => undefined).catch((error: unknown) => error);

      if (outcome instanceof ConfigError) {
        expect({ code: outcome.code, platform: platformOf(outcome.variable) }, outcome.message).toEqual({ code: 'CONFIG_MISSING', platform: platformOf(row.name) });
        expect(platformOf(row.name), outcome.message).toBeDefined();
      } else expect(outcome).toBe(0);
    });
  }
});

describe('each platform variable set on top of its platform\'s minimal credentials', () => {
  for (const row of referenceRows().filter((candidate) => platformOf(candidate.name) !== undefined)) {
    it(`should start-check cleanly when ${row.name} is added to a working ${platformOf(row.name) ?? ''} setup`, async () => {
      const value = typical(row.name) ?? documentedDefault(row.default) ?? '';
      const env = withEnvFile({ ...MINIMAL[platformOf(row.name) ?? ''], [row.name]: value }, dir);

      await expect(checkConfig(env, () => undefined)).resolves.toBe(0);
    });
  }
});
