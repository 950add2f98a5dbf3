import { createRelay, createSqlRelayStore } from '../../core/conversations/index.ts';
import { defineCommunity, type NetworkConfig } from '../../core/domain/network.ts';
import type { Database } from '../../core/infra/db/create-database.ts';
import { createLogger } from '../../core/logger.ts';

/** One community whose help channel goes to Slack channel C1: the network the relay store tests use. */
export const HELP_TO_SLACK: NetworkConfig = {
  internalMarkers: ['//'],
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g', routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C1' } }] })],
};

/** The customer who asks and the employee who answers in those tests. */
export const CUSTOMER = { platformUserId: 'u1', displayName: 'Ann', isBot: false };
export const EMPLOYEE = { platformUserId: 'E1', displayName: 'Eve', isBot: false };

/** A relay of its own on `db` (one per simulated Heimo process), waking no worker. */
export function relayOn(db: Pick<Database, 'pool' | 'kind'>, network: NetworkConfig = HELP_TO_SLACK): ReturnType<typeof createRelay> {
  return createRelay({ network, store: createSqlRelayStore(db), schedule: async () => undefined, logger: createLogger({ level: 'silent' }) });
}
