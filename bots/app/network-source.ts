import { loadNetwork } from '../../config/load-network.ts';
import { watchedDiscordChannels, type NetworkConfig } from '../../core/domain/network.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** What a reload did: applied the file, or kept the previous routing and said why. */
export type ReloadOutcome =
  | { status: 'applied'; communities: number; routes: number; added: string[]; removed: string[] }
  | { status: 'rejected'; reason: string };

/** The network file as currently applied; swapped whole by `reload`, never half. */
export interface NetworkSource {
  current(): NetworkConfig;
  /** Discord channels the current network watches; the same Set, updated in place on reload. */
  readonly watched: ReadonlySet<string>;
  /** Re-reads and validates the file; a bad file is rejected (logged naming the field) and the old routing stays. */
  reload(): Promise<ReloadOutcome>;
}

/** What the source needs: the file (null when HEIMO_CONFIG is unset), what start-up read from it, and a logger. */
export interface NetworkSourceConfig {
  path: string | null;
  initial: NetworkConfig;
  logger: Logger;
}

/** Holds the applied network file for the relay, the delivery worker and the Discord bot. */
export function createNetworkSource(config: NetworkSourceConfig): NetworkSource {
  let network = config.initial;
  const watched = new Set(watchedDiscordChannels(network));
  // Reloads run one at a time, so two SIGHUPs in a row cannot apply an older read last.
  let queue: Promise<unknown> = Promise.resolve();

  const apply = async (): Promise<ReloadOutcome> => {
    if (config.path === null) {
      const reason = 'HEIMO_CONFIG is not set: there is no network file to reload (set it and restart)';
      config.logger.error('network file not reloaded', { reason });
      return { status: 'rejected', reason };
    }
    let next: NetworkConfig;
    try {
      next = await loadNetwork(config.path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      config.logger.error('network file rejected; the previous routing stays', { reason, path: config.path });
      return { status: 'rejected', reason };
    }
    const channels = watchedDiscordChannels(next);
    const added = channels.filter((id) => !watched.has(id));
    const removed = [...watched].filter((id) => !channels.includes(id));
    network = next;
    watched.clear();
    for (const id of channels) watched.add(id);
    const outcome = { status: 'applied' as const, communities: next.communities.length, routes: channels.length, added, removed };
    config.logger.info('network file reloaded', { path: config.path, ...outcome });
    return outcome;
  };

  return {
    current: () => network,
    watched,
    reload: () => {
      const run = queue.then(apply);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
