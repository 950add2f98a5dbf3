import { createSqlSatisfactionFigures } from '../../../core/satisfaction/index.ts';
import { randomUUID } from 'node:crypto';
import { wireAmbassadors } from '../../../bots/app/ambassadors-wiring.ts';
import type { AmbassadorsService } from '../../../core/ambassadors/index.ts';
import { createStandings } from '../../../core/credits/index.ts';
import type { AccountRef } from '../../../core/domain/domain-events.ts';
import { DEFAULT_CREDITS, defineCommunity, type DigestConfig, type NetworkConfig } from '../../../core/domain/network.ts';
import { createIdentity, type AccountFacts, type IdentityService } from '../../../core/identity/index.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import type { Jobs } from '../../../core/jobs/index.ts';
import { createLogger } from '../../../core/logger.ts';
import type { Deliveries } from '../../../core/outbox/index.ts';
import { createRecognition } from '../../../core/recognition/index.ts';

// The ambassadors capability on the real database with the real identity, standings and
// recognition; the period's ledger rows, tier changes, solved questions and survey ratings are inserted with SQL.

/** A community with the default tiers, in `locale`, with a digest when one is given. */
export function ambassadorsNetwork(options: { digest?: DigestConfig; locale?: 'en' | 'fi' | 'sk'; staffDomain?: string } = {}): NetworkConfig {
  return {
    communities: [
      defineCommunity({
        id: 'acme',
        name: 'Acme',
        discordGuildId: 'g1',
        routes: [],
        locale: options.locale ?? 'en',
        credits: { ...DEFAULT_CREDITS, ...(options.digest === undefined ? {} : { digest: options.digest }) },
        staff: { emailDomains: [options.staffDomain ?? 'acme.test'], emails: [], accounts: [] },
      }),
    ],
    internalMarkers: [],
  };
}

/** What a test sets up its period with. */
export interface AmbassadorsWorld {
  identity: IdentityService;
  ambassadors: AmbassadorsService;
  /** The person of an account (created as identity would on first sight). */
  person(facts: AccountFacts): Promise<string>;
  credit(account: AccountRef, points: number, at: Date, more?: { reason?: string; giver?: AccountRef; staff?: boolean }): Promise<string>;
  reverse(entryId: string, account: AccountRef, points: number, at: Date): Promise<void>;
  promote(personId: string, tierId: string, at: Date): Promise<void>;
  solved(asker: AccountRef, askedAt: Date, solvedAt: Date): Promise<void>;
  /** A survey of one of the asker's questions, rated `score` at `ratedAt` (as satisfaction records it). */
  rated(asker: AccountRef, score: number, ratedAt: Date): Promise<void>;
}

/** Creates the capabilities over `database` and `jobs` (the test's or the real job system). */
export function createAmbassadorsWorld(database: Database, jobs: Jobs, network: NetworkConfig, deliveries?: Deliveries): AmbassadorsWorld {
  const logger = createLogger({ level: 'silent' });
  const identity = createIdentity({ database, jobs, network: () => network, logger });
  const standings = createStandings({ database, identity });
  const recognition = createRecognition({ database, jobs, network: () => network, credits: { ...standings, isFlagged: async () => false }, identity, delivery: () => undefined, logger });
  const ambassadors = wireAmbassadors({ database, jobs, network: () => network, credits: standings, recognition, identity, satisfaction: createSqlSatisfactionFigures(database), ...(deliveries === undefined ? {} : { deliveries }), logger });
  const pool = database.pool;
  return {
    identity,
    ambassadors,
    person: async (facts) => (await jobs.transaction((tx) => identity.ensure(tx, facts, 'acme'))).id,
    async credit(account, points, at, more = {}) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "giverPlatform", "giverUserId", "staff", "createdAt")
         VALUES ($1::text, 'acme', $2::text, $3::text, $4::int, $5::text, $6::text, $7::text, $8::text, $9::boolean, $10::timestamp)`,
        [id, account.platform, account.userId, points, more.reason ?? 'answer.accepted', `test:${id}`, more.giver?.platform ?? null, more.giver?.userId ?? null, more.staff ?? false, at.toISOString()],
      );
      return id;
    },
    async reverse(entryId, account, points, at) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "reversesId", "createdAt")
         VALUES ($1::text, 'acme', $2::text, $3::text, $4::int, 'reversal', $5::text, $6::text, $7::timestamp)`,
        [id, account.platform, account.userId, -points, `test:${id}`, entryId, at.toISOString()],
      );
    },
    async promote(personId, tierId, at) {
      await pool.query(`INSERT INTO "TierChange" ("id", "communityId", "identityId", "fromTier", "toTier", "direction", "points", "at") VALUES ($1::text, 'acme', $2::text, NULL, $3::text, 'promoted', 10, $4::timestamp)`, [randomUUID(), personId, tierId, at.toISOString()]);
      await pool.query(`INSERT INTO "TierHolding" ("communityId", "identityId", "tierId", "since", "updatedAt") VALUES ('acme', $1::text, $2::text, $3::timestamp, $3::timestamp)`, [personId, tierId, at.toISOString()]);
    },
    async solved(asker, askedAt, solvedAt) {
      const account = await pool.query<{ id: string }>(`SELECT "id" FROM "PlatformAccount" WHERE "platform" = $1::text AND "externalId" = $2::text`, [asker.platform, asker.userId]);
      let accountId = account.rows[0]?.id;
      if (accountId === undefined) {
        const personId = randomUUID();
        accountId = randomUUID();
        await pool.query(`INSERT INTO "Person" ("id", "displayName") VALUES ($1::text, $2::text)`, [personId, asker.userId]);
        await pool.query(`INSERT INTO "PlatformAccount" ("id", "personId", "platform", "externalId", "displayName", "updatedAt") VALUES ($1::text, $2::text, $3::text, $4::text, $4::text, now())`, [accountId, personId, asker.platform, asker.userId]);
      }
      const conversationId = randomUUID();
      await pool.query(
        `INSERT INTO "Conversation" ("id", "communityId", "title", "status", "askerId", "destinationPlatform", "destinationChannelId", "resolvedAt", "createdAt", "updatedAt")
         VALUES ($1::text, 'acme', 'A question', 'resolved', $2::text, 'slack', 'C1', $4::timestamp, $3::timestamp, $4::timestamp)`,
        [conversationId, accountId, askedAt.toISOString(), solvedAt.toISOString()],
      );
      await pool.query(`INSERT INTO "Resolution" ("id", "conversationId", "acceptedByKind", "at") VALUES ($1::text, $2::text, 'person', $3::timestamp)`, [randomUUID(), conversationId, solvedAt.toISOString()]);
    },
    async rated(asker, score, ratedAt) {
      await pool.query(
        `INSERT INTO "SatisfactionSurvey" ("conversationId", "communityId", "askerPlatform", "askerUserId", "askedAt", "score", "ratedAt")
         VALUES ($1::text, 'acme', $2::text, $3::text, $4::timestamp, $5::int, $4::timestamp)`,
        [randomUUID(), asker.platform, asker.userId, ratedAt.toISOString(), score],
      );
    },
  };
}
