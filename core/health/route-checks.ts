import type { NetworkConfig } from '../domain/network.ts';
import type { Platform } from '../domain/types.ts';
import type { CheckResult } from './readiness.ts';

/**
 * Failing checks for each platform the network file routes through (Discord as the source of
 * every route, Slack or Teams as a destination) that has no credentials: such a route would store
 * questions that can never be delivered, so Heimo is not ready. Keyed by platform.
 */
export function unconfiguredRouteChecks(network: NetworkConfig, unconfigured: Partial<Record<Platform, string[]>>): Map<Platform, CheckResult> {
  const routesBy = new Map<Platform, string[]>();
  const note = (platform: Platform, route: string): void => {
    if (unconfigured[platform] !== undefined) routesBy.set(platform, [...(routesBy.get(platform) ?? []), route]);
  };
  for (const community of network.communities) {
    for (const route of community.routes) {
      const name = `${community.id}: ${route.discordChannelId} -> ${route.destination.platform} ${route.destination.channelId}`;
      note('discord', name);
      note(route.destination.platform, name);
    }
  }
  const checks = new Map<Platform, CheckResult>();
  for (const [platform, routes] of routesBy) {
    const missing = unconfigured[platform] ?? [];
    checks.set(platform, {
      ok: false,
      detail: `not configured (set ${missing.join(', ')}), but the network file routes through it: ${routes.join('; ')}`,
      summary: 'not configured, but the network file routes through it',
    });
  }
  return checks;
}
