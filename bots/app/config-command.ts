import { APP_ENV, readAppEnv } from '../../config/app-env.ts';
import { PROCESS_ENV } from '../../config/process-env.ts';
import type { Env, EnvRead } from '../../config/env-read.ts';
import { envDocs, type EnvShape } from '../../config/env-schema.ts';
import { loadNetwork } from '../../config/load-network.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { DISCORD_ENV, readDiscordEnv } from '../discord/config.ts';
import { readSlackEnv, SLACK_ENV } from '../slack/config.ts';
import { assertServiceUrlAllowed, readTeamsEnv, TEAMS_ENV } from '../teams/config.ts';

/** Every variable Heimo reads, in README's order: Heimo's own, then each platform's. */
export const ENV_REFERENCE: EnvShape = { ...APP_ENV, ...PROCESS_ENV, ...DISCORD_ENV, ...SLACK_ENV, ...TEAMS_ENV };

/** One row of the configuration reference. */
export interface ReferenceRow {
  name: string;
  default: string;
  description: string;
}

// The default a schema applies by itself, as README shows it; undefined when it has none.
const schemaDefault = (schema: EnvShape[string]): string | undefined => {
  const def = schema.def as { type: string; defaultValue?: unknown };
  return def.type === 'default' ? `\`${String(def.defaultValue)}\`` : undefined;
};

/** The reference's rows, from the schemas' own documentation. */
export function referenceRows(): ReferenceRow[] {
  return Object.entries(ENV_REFERENCE).map(([name, schema]) => {
    const doc = envDocs.get(schema);
    return { name, default: doc?.default ?? schemaDefault(schema) ?? '', description: doc?.description ?? '' };
  });
}

/** README's configuration table, generated (`heimo config reference`; a test keeps README equal to it). */
export function referenceTable(): string {
  const rows = referenceRows().map((row) => `| \`${row.name}\` | ${row.default} | ${row.description} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Routes whose destination platform has no credentials: questions there would wait in the outbox. */
function unconfiguredRoutes(network: NetworkConfig, configured: Set<string>): string[] {
  return network.communities.flatMap((community, c) =>
    community.routes.flatMap((route, r) => (configured.has(route.destination.platform) ? [] : [`communities[${c}].routes[${r}] goes to ${route.destination.platform}, which is not configured`])),
  );
}

/**
 * `heimo config check`: reads every variable and the network file as `heimo start` would (no
 * connection is made) and prints what Heimo would run with; a problem throws a ConfigError.
 */
export async function checkConfig(env: Env, print: (line: string) => void): Promise<number> {
  const app = readAppEnv(env);
  const network = app.networkPath === null ? null : await loadNetwork(app.networkPath);
  const teams = readTeamsEnv(env);
  if (teams.status === 'configured') assertServiceUrlAllowed(teams.config);
  const platforms: Record<string, EnvRead<unknown>> = { discord: readDiscordEnv(env), slack: readSlackEnv(env), teams };
  const configured = new Set(Object.keys(platforms).filter((name) => platforms[name]?.status === 'configured'));
  print(`database: ${app.databaseUrl === null ? `embedded (${app.dataDir})` : 'PostgreSQL (DATABASE_URL)'}; queue: ${app.redisUrl === null ? 'on the database' : 'Redis (REDIS_URL)'}`);
  for (const [name, read] of Object.entries(platforms)) print(`${name}: ${read.status === 'configured' ? 'configured' : `not configured (set ${read.missing.join(', ')})`}`);
  if (network === null) print('network: HEIMO_CONFIG is not set, nothing is routed');
  else {
    print(`network: ${app.networkPath} (${network.communities.length} communities, ${network.communities.reduce((sum, c) => sum + c.routes.length, 0)} routes)`);
    for (const warning of unconfiguredRoutes(network, configured)) print(`warning: ${warning}`);
  }
  return 0;
}
