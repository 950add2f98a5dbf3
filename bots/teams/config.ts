import { readFileSync } from 'node:fs';
import { type Env, type EnvRead, flag, optional, url } from '../../config/env-read.ts';
import { ConfigError } from '../../core/errors.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** How the bot's Entra app registration authenticates (Azure Bot's "type"). */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** Teams settings read from the environment (no logger yet: start-up adds it). */
export interface TeamsEnvConfig {
  /** Empty only with `insecureDev`: authentication is then OFF. */
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: TeamsAppType;
  /** Where inbound tokens' signing keys are listed (Bot Framework's OpenID metadata). */
  openIdMetadataUrl: string;
  /** The authority outbound tokens come from, without tenant (e.g. https://login.microsoftonline.com). */
  loginUrl: string;
  /** Prefixes a serviceUrl must start with before Heimo talks to it. */
  allowedServiceUrls: string[];
  /** The connector used for proactive posts before any activity told Heimo better. */
  serviceUrl: string;
  insecureDev: boolean;
  /**
   * PEM CA certificate(s) trusted for TEAMS_LOGIN_URL only, in place of Node's built-in list
   * (a private authority, or the tests' fake); read from TEAMS_LOGIN_CA_FILE at start.
   */
  loginCa?: string;
}

/** Everything createTeamsBot needs. */
export interface TeamsBotConfig extends TeamsEnvConfig {
  logger: Logger;
}

/** Teams' connector hosts: public cloud, GCC, GCC High and DoD. */
export const DEFAULT_ALLOWED_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];

const CREDENTIALS = ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'];
const SETTINGS = ['MICROSOFT_APP_TYPE', 'TEAMS_OPENID_METADATA_URL', 'TEAMS_LOGIN_URL', 'TEAMS_ALLOWED_SERVICE_URLS', 'TEAMS_SERVICE_URL', 'TEAMS_LOGIN_CA_FILE'];
const TYPES: TeamsAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** True for US Government authorities, whose Bot Framework endpoints differ from the public cloud's. */
export const isUsGovLogin = (loginUrl: string): boolean => new URL(loginUrl).hostname.toLowerCase().endsWith('.us');

/** The variable a complete credential set still lacks for `type`, if any. */
export function missingCredential(config: Pick<TeamsEnvConfig, 'appId' | 'appPassword' | 'tenantId' | 'appType'>): string | undefined {
  if (!config.appId) return 'MICROSOFT_APP_ID';
  if (config.appType !== 'UserAssignedMSI' && !config.appPassword) return 'MICROSOFT_APP_PASSWORD';
  if (config.appType !== 'MultiTenant' && !config.tenantId) return 'MICROSOFT_APP_TENANT_ID';
  return undefined;
}

function readAppType(env: Env, tenantId: string | undefined): TeamsAppType {
  const raw = optional(env, 'MICROSOFT_APP_TYPE');
  if (raw === undefined) return tenantId === undefined ? 'MultiTenant' : 'SingleTenant';
  const type = TYPES.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (!type) throw new ConfigError('CONFIG_INVALID', 'MICROSOFT_APP_TYPE', `MICROSOFT_APP_TYPE must be one of ${TYPES.join(', ')}, got "${raw}"`);
  return type;
}

function readAllowlist(env: Env): string[] {
  const raw = optional(env, 'TEAMS_ALLOWED_SERVICE_URLS');
  if (raw === undefined) return DEFAULT_ALLOWED_SERVICE_URLS;
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    let parsed: URL;
    try {
      parsed = new URL(entry);
    } catch {
      throw new ConfigError('CONFIG_INVALID', 'TEAMS_ALLOWED_SERVICE_URLS', `TEAMS_ALLOWED_SERVICE_URLS has an entry that is not a URL: "${entry}"`);
    }
    // Plain HTTP would hand Heimo's bearer token to anyone on the path; only loopback fakes may use it.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      throw new ConfigError('CONFIG_INVALID', 'TEAMS_ALLOWED_SERVICE_URLS', `TEAMS_ALLOWED_SERVICE_URLS entries must be https URLs, got "${entry}"`);
    }
  }
  if (entries.length === 0) throw new ConfigError('CONFIG_INVALID', 'TEAMS_ALLOWED_SERVICE_URLS', 'TEAMS_ALLOWED_SERVICE_URLS lists no URL');
  return entries;
}

// NODE_EXTRA_CA_CERTS is read once when Node starts, so a CA for the login authority is a file read here.
function readLoginCa(env: Env): string | undefined {
  const path = optional(env, 'TEAMS_LOGIN_CA_FILE');
  if (path === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigError('CONFIG_INVALID', 'TEAMS_LOGIN_CA_FILE', `TEAMS_LOGIN_CA_FILE cannot be read (${reason}): "${path}"`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError('CONFIG_INVALID', 'TEAMS_LOGIN_CA_FILE', `TEAMS_LOGIN_CA_FILE holds no PEM certificate: "${path}"`);
  }
  return pem;
}

/**
 * Reads the Teams settings. Nothing Teams-related set: absent (the bot is not started). Anything
 * set but credentials incomplete: a ConfigError naming the first missing variable, unless
 * HEIMO_TEAMS_INSECURE_DEV is on and no credential is set at all (authentication OFF, for a laptop).
 */
export function readTeamsEnv(env: Env): EnvRead<TeamsEnvConfig> {
  const insecureDev = flag(env, 'HEIMO_TEAMS_INSECURE_DEV');
  // An explicit HEIMO_TEAMS_INSECURE_DEV=false in a shared .env must not switch Teams on.
  const present = [...CREDENTIALS, ...SETTINGS].filter((name) => optional(env, name) !== undefined);
  if (present.length === 0 && !insecureDev) return { status: 'absent', missing: [...CREDENTIALS] };
  const appPassword = optional(env, 'MICROSOFT_APP_PASSWORD');
  const tenantId = optional(env, 'MICROSOFT_APP_TENANT_ID');
  const loginUrl = url(env, 'TEAMS_LOGIN_URL', 'https://login.microsoftonline.com');
  const usGov = isUsGovLogin(loginUrl);
  const loginCa = readLoginCa(env);
  const config: TeamsEnvConfig = {
    appId: optional(env, 'MICROSOFT_APP_ID') ?? '',
    ...(appPassword === undefined ? {} : { appPassword }),
    ...(tenantId === undefined ? {} : { tenantId }),
    appType: readAppType(env, tenantId),
    openIdMetadataUrl: url(
      env,
      'TEAMS_OPENID_METADATA_URL',
      usGov ? 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration' : 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    ),
    loginUrl,
    allowedServiceUrls: readAllowlist(env),
    // The connector joins paths onto this base, so keep the trailing slash Teams' URLs have.
    serviceUrl: `${url(env, 'TEAMS_SERVICE_URL', 'https://smba.trafficmanager.net/teams/')}/`,
    insecureDev,
    ...(loginCa === undefined ? {} : { loginCa }),
  };
  const noCredentials = CREDENTIALS.every((name) => optional(env, name) === undefined);
  const missing = missingCredential(config);
  if (missing !== undefined && !(insecureDev && noCredentials)) {
    throw new ConfigError('CONFIG_MISSING', missing, `${missing} is required for Teams (set HEIMO_TEAMS_INSECURE_DEV=true only on a development machine)`);
  }
  return { status: 'configured', config };
}
