import { createHeimo, type HeimoConfig } from '../../../bots/app/create-heimo.ts';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createLogger } from '../../../core/logger.ts';
import type { Endpoints } from '../protocol.ts';
import { waitForCount, type RelayUnderTest } from './relay.ts';

/** How Heimo is built for the benchmark: production code paths, the benchmark's database and queues. */
export interface HeimoRelayOptions {
  endpoints: Endpoints;
  database: Database;
  queues: QueueFactory;
  delivery: NonNullable<HeimoConfig['delivery']>;
}

/** Starts Heimo with createHeimo against the fakes; warnings and errors are kept for the report. */
export async function startHeimoRelay(options: HeimoRelayOptions): Promise<RelayUnderTest> {
  const { endpoints } = options;
  const network: NetworkConfig = {
    internalMarkers: ['//', 'note:'],
    communities: [defineCommunity({
      id: 'bench',
      name: 'Bench Community',
      discordGuildId: endpoints.discord.guildId,
      routes: [{ discordChannelId: endpoints.discord.helpChannelId, destination: endpoints.employee.destination }],
    })],
  };
  const problems: string[] = [];
  let dropped = 0;
  let started = false; // start-up warnings (e.g. "teams is not configured") are not problems
  const logger = createLogger({
    level: 'warn',
    write: (line) => {
      if (!started) return;
      if (problems.length < 20) problems.push(line.slice(0, 400));
      else dropped += 1;
    },
  });
  const heimo = await createHeimo({
    env: { PORT: '0', HOST: '127.0.0.1', DISCORD_TOKEN: endpoints.discord.token, DISCORD_API_URL: endpoints.discord.apiUrl, ...endpoints.employee.env },
    network,
    logger,
    database: options.database,
    queues: options.queues,
    delivery: options.delivery,
  });
  started = true;
  const employeePlatform = endpoints.employee.platform;
  return {
    name: 'heimo',
    url: heimo.url,
    ready: (count, timeoutMs) =>
      waitForCount('heimo: employee threads recorded', () => options.database.prisma.threadLink.count({ where: { platform: employeePlatform } }), count, timeoutMs),
    problems: () => (dropped > 0 ? [...problems, `... and ${dropped} more log lines`] : [...problems]),
    stop: () => heimo.stop(),
  };
}
