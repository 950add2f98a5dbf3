import type { TranscriptReader } from '../conversations/index.ts';
import type { NetworkConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { IdentityService } from '../identity/index.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner } from '../infra/store/sql-support.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { RoutingStore } from '../routing/index.ts';
import { settingsOf, type CreditsContext } from './credits-context.ts';
import { listenForCredits } from './earn-listeners.ts';
import { createModeration } from './moderation.ts';
import type { CreditFlagView, CreditsService } from './port.ts';
import { isFlagged, openFlags } from './sql-flags.ts';
import { createSqlLedger } from './sql-ledger.ts';

/** The read side of credits (leaderboards, profiles, sums: core/credits standings), composed here. */
export type CreditStandings = Pick<CreditsService, 'leaderboard' | 'profile' | 'pointsSince' | 'totalsSince'>;

/** What the credits capability needs: the database and jobs, the network's settings, identity, transcripts and routes. */
export interface CreditsServiceConfig {
  database: Pick<Database, 'pool' | 'kind'>;
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'on'>;
  network: () => NetworkConfig;
  /** People behind accounts: created on first credit, staff, grouping for rings and revokes. */
  identity: Pick<IdentityService, 'ensure' | 'isStaff' | 'peopleOf' | 'person'>;
  /** Conversations' transcripts: authors, bots, who wrote recently (thanks). */
  transcripts: TranscriptReader;
  /** Routing's store: an answer to a question routed to staff is worth more. */
  routes: Pick<RoutingStore, 'find'>;
  /** The read side; absent: its methods fail with CONFIG_MISSING. */
  standings?: CreditStandings;
  clock?: () => Date;
  logger: Logger;
}

const missing = (): never => {
  throw new HeimoError('CONFIG_MISSING', 'credit standings are not wired');
};

const UNWIRED: CreditStandings = { leaderboard: async () => missing(), profile: async () => missing(), pointsSince: async () => missing(), totalsSince: async () => missing() };

/** Creates the credits capability (issue 11): the ledger, its earning listeners (on `listen()`), moderation and flags. */
export function createCredits(config: CreditsServiceConfig): CreditsService {
  const { jobs, identity } = config;
  const db = sqlRunner(config.database);
  const ctx: CreditsContext = {
    ledger: createSqlLedger(jobs), identity, settings: settingsOf(config.network), clock: config.clock ?? (() => new Date()), logger: config.logger,
  };
  const moderation = createModeration(ctx, jobs);
  const standings = config.standings ?? UNWIRED;
  const runner = (tx?: Tx): Pick<Tx, 'query'> => tx ?? db;
  let listening = false;
  return {
    listen() {
      if (listening) return;
      listening = true;
      listenForCredits(ctx, { jobs, transcripts: config.transcripts, routes: config.routes });
    },
    give: moderation.give,
    revoke: moderation.revoke,
    leaderboard: (request) => standings.leaderboard(request),
    profile: (request) => standings.profile(request),
    pointsSince: (communityId, personId, since, tx) => standings.pointsSince(communityId, personId, since, tx),
    totalsSince: (communityId, since, tx) => standings.totalsSince(communityId, since, tx),
    async flags(communityId, tx): Promise<CreditFlagView[]> {
      const flags = await openFlags(runner(tx), communityId);
      return Promise.all(flags.map(async (flag) => ({
        ...flag,
        members: await Promise.all(flag.members.map(async (personId) => ({ personId, displayName: (await identity.person(personId, tx))?.displayName ?? personId }))),
      })));
    },
    isFlagged: (communityId, personId, tx) => isFlagged(runner(tx), communityId, personId),
  };
}
