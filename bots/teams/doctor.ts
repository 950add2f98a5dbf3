import { createLogger, type DoctorCheck, fail, pass } from '../../core/index.ts';
import type { TeamsEnvConfig } from './config.ts';
import { requestBotToken } from './create-teams-auth.ts';

/** What the Teams checks need: the credentials and endpoints read from the environment. */
export interface TeamsDoctorConfig {
  teams: TeamsEnvConfig;
}

// The authority's answer can be long (trace and correlation ids); its first sentence says why.
const firstSentence = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  const aad = /AADSTS\d+:[^.\r\n]*/.exec(text)?.[0];
  return (aad ?? text.split(/\r?\n/)[0] ?? '').slice(0, 200);
};

/** Checks Teams the way Heimo will use it: the credentials get a token from the login authority. */
export async function diagnoseTeams(config: TeamsDoctorConfig): Promise<DoctorCheck[]> {
  const { teams } = config;
  if (teams.appId === '') {
    return [fail('Teams runs WITHOUT authentication (HEIMO_TEAMS_INSECURE_DEV)', 'set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID from the Azure Bot registration')];
  }
  const where = teams.appType === 'UserAssignedMSI' ? "Azure's managed identity endpoint" : `${teams.loginUrl} (${teams.appType})`;
  try {
    await requestBotToken({ ...teams, logger: createLogger({ level: 'silent' }) });
    return [pass(`MICROSOFT_APP_ID gets a token from ${where}`)];
  } catch (error) {
    const reason = firstSentence(error);
    const fix = /AADSTS7000215|invalid_client|secret/i.test(reason)
      ? 'create a new client secret (Azure Bot → Configuration → Manage Password) and put its value in MICROSOFT_APP_PASSWORD'
      : /AADSTS700016|AADSTS90002|tenant|not found/i.test(reason)
        ? 'check MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_TYPE against the Azure Bot registration'
        : 'check TEAMS_LOGIN_URL (and TEAMS_LOGIN_CA_FILE behind a TLS-inspecting proxy) and the network path to it';
    return [fail(`Teams credentials get no token from ${where} (${reason})`, fix)];
  }
}
