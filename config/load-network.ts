import { readFile } from 'node:fs/promises';
import type { CommunityConfig, NetworkConfig, RouteConfig } from '../core/domain/network.ts';
import type { Destination } from '../core/domain/types.ts';
import { ConfigError } from '../core/errors.ts';

/** Default markers that keep an employee reply internal. */
export const DEFAULT_INTERNAL_MARKERS = ['//', 'note:'];

const fail = (variable: string, path: string, problem: string): never => {
  throw new ConfigError('CONFIG_INVALID', variable, `${variable}: ${path} ${problem}`);
};

const objectAt = (value: unknown, variable: string, path: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(variable, path, 'must be an object');

const stringAt = (value: unknown, variable: string, path: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fail(variable, path, 'must be a non-empty string');

const arrayAt = (value: unknown, variable: string, path: string): unknown[] => (Array.isArray(value) ? value : fail(variable, path, 'must be an array'));

const parseDestination = (value: unknown, variable: string, path: string): Destination => {
  const raw = objectAt(value, variable, path);
  const platform = raw.platform;
  if (platform === 'slack') return { platform, channelId: stringAt(raw.channelId, variable, `${path}.channelId`) };
  if (platform === 'teams') {
    return { platform, channelId: stringAt(raw.channelId, variable, `${path}.channelId`), teamId: stringAt(raw.teamId, variable, `${path}.teamId`) };
  }
  return fail(variable, `${path}.platform`, 'must be "slack" or "teams"');
};

const parseCommunity = (value: unknown, variable: string, path: string): CommunityConfig => {
  const raw = objectAt(value, variable, path);
  const routes = arrayAt(raw.routes, variable, `${path}.routes`).map((route, index): RouteConfig => {
    const routePath = `${path}.routes[${index}]`;
    const item = objectAt(route, variable, routePath);
    return { discordChannelId: stringAt(item.discordChannelId, variable, `${routePath}.discordChannelId`), destination: parseDestination(item.destination, variable, `${routePath}.destination`) };
  });
  const id = stringAt(raw.id, variable, `${path}.id`);
  return { id, name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : id, discordGuildId: stringAt(raw.discordGuildId, variable, `${path}.discordGuildId`), routes };
};

/** Validates a parsed network file; errors name the variable and the exact path at fault. */
export function parseNetwork(value: unknown, variable = 'HEIMO_CONFIG'): NetworkConfig {
  const raw = objectAt(value, variable, '(root)');
  const communities = arrayAt(raw.communities ?? [], variable, 'communities').map((community, index) => parseCommunity(community, variable, `communities[${index}]`));
  const seen = new Map<string, string>();
  communities.forEach((community, index) =>
    community.routes.forEach((route) => {
      const owner = seen.get(route.discordChannelId);
      if (owner !== undefined) fail(variable, `communities[${index}]`, `routes Discord channel ${route.discordChannelId} already routed by ${owner}`);
      seen.set(route.discordChannelId, community.id);
    }),
  );
  const markers = raw.internalMarkers === undefined ? DEFAULT_INTERNAL_MARKERS : arrayAt(raw.internalMarkers, variable, 'internalMarkers').map((marker, index) => stringAt(marker, variable, `internalMarkers[${index}]`));
  return { communities, internalMarkers: markers };
}

/** Reads and validates the network file at `path`. */
export async function loadNetwork(path: string, variable = 'HEIMO_CONFIG'): Promise<NetworkConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', variable, `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', variable, `${variable}: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return parseNetwork(json, variable);
}
