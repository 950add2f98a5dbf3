import { randomUUID } from 'node:crypto';
import type { CreditsService } from '../../../core/credits/index.ts';
import type { AccountRef } from '../../../core/domain/domain-events.ts';
import { DEFAULT_CREDITS, defineCommunity, type CreditsConfig, type NetworkConfig } from '../../../core/domain/network.ts';
import { HeimoError, PlatformRejectedError } from '../../../core/errors.ts';
import type { IdentityService, PersonView } from '../../../core/identity/index.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import type { Jobs, Tx } from '../../../core/jobs/index.ts';
import type { RecognitionDelivery } from '../../../core/recognition/index.ts';

// Stand-ins for the capabilities recognition calls through their ports (credits' standings and
// identity's people are other branches' work): small SQL readers of the real CreditEntry,
// CreditFlag, Identity and IdentityAccount tables, which tests write rows into directly.

/** The guild and roles of these tests. */
export const GUILD = 'guild-1';
export const ROLES = { helper: 'role-helper', ambassador: 'role-ambassador', champion: 'role-champion', unmapped: 'role-vip' } as const;
export const ANNOUNCE = 'chan-announce';
const DAY_MS = 86_400_000;

/** The community `acme` with three tiers (two mapped to roles); `credits` overrides. */
export function recognitionNetwork(credits: Partial<CreditsConfig> = {}, locale: 'en' | 'fi' | 'sk' = 'en'): NetworkConfig {
  return {
    communities: [defineCommunity({
      id: 'acme', name: 'Acme', discordGuildId: GUILD, routes: [], locale,
      credits: {
        ...DEFAULT_CREDITS,
        tiers: [
          { id: 'helper', name: 'Helper', threshold: 10, discordRoleId: ROLES.helper },
          { id: 'ambassador', name: 'Ambassador', threshold: 50, discordRoleId: ROLES.ambassador },
          { id: 'champion', name: 'Champion', threshold: 150 },
        ],
        tierWindowMs: 90 * DAY_MS,
        announceChannelId: ANNOUNCE,
        ...credits,
      },
    })],
    internalMarkers: ['//'],
  };
}

type Runner = Pick<Tx, 'query'>;

/** Credits' read side, as the standings helper will answer it: community rows grouped by person. */
export function sqlCredits(db: Pick<Database, 'pool'>): Pick<CreditsService, 'pointsSince' | 'totalsSince' | 'isFlagged'> {
  const on = (tx?: Tx): Runner => tx ?? db.pool;
  const TOTALS = `SELECT a."identityId" AS "id", SUM(e."points")::int AS "points" FROM "CreditEntry" e
    JOIN "IdentityAccount" a ON a."platform" = e."platform" AND a."userId" = e."userId"
    WHERE e."communityId" = $1::text AND e."createdAt" >= $2::timestamp AND NOT e."staff" GROUP BY a."identityId"`;
  return {
    async pointsSince(communityId, personId, since, tx) {
      const { rows } = await on(tx).query<{ id: string; points: number }>(TOTALS, [communityId, since.toISOString()]);
      return rows.find((row) => row.id === personId)?.points ?? 0;
    },
    async totalsSince(communityId, since, tx) {
      const { rows } = await on(tx).query<{ id: string; points: number }>(TOTALS, [communityId, since.toISOString()]);
      return new Map(rows.map((row) => [row.id, Number(row.points)]));
    },
    async isFlagged(communityId, personId, tx) {
      const { rows } = await on(tx).query(`SELECT 1 FROM "CreditFlag" WHERE "communityId" = $1::text AND "status" = 'open' AND $2::text = ANY("members")`, [communityId, personId]);
      return rows.length > 0;
    },
  };
}

/** Identity's read side over its tables. */
export function sqlIdentity(db: Pick<Database, 'pool'>): Pick<IdentityService, 'person' | 'peopleOf'> {
  const on = (tx?: Tx): Runner => tx ?? db.pool;
  const load = async (runner: Runner, id: string): Promise<PersonView | null> => {
    const [person] = (await runner.query<{ id: string; displayName: string; staff: boolean }>(`SELECT "id", "displayName", "staff" FROM "Identity" WHERE "id" = $1::text`, [id])).rows;
    if (person === undefined) return null;
    const { rows } = await runner.query<{ platform: 'discord' | 'slack' | 'teams'; userId: string; via: 'code' }>(`SELECT "platform", "userId", "via" FROM "IdentityAccount" WHERE "identityId" = $1::text ORDER BY "linkedAt", "id"`, [id]);
    return { ...person, accounts: rows };
  };
  return {
    person: (id, tx) => load(on(tx), id),
    async peopleOf(accounts, tx) {
      const found = new Map<string, PersonView>();
      for (const account of accounts) {
        const [row] = (await on(tx).query<{ identityId: string }>(`SELECT "identityId" FROM "IdentityAccount" WHERE "platform" = $1::text AND "userId" = $2::text`, [account.platform, account.userId])).rows;
        const person = row === undefined ? null : await load(on(tx), row.identityId);
        if (person !== null) found.set(`${account.platform}:${account.userId}`, person);
      }
      return found;
    },
  };
}

/** Writes the rows the other capabilities would write. */
export function ledger(db: Pick<Database, 'pool'>, jobs: Pick<Jobs, 'transaction' | 'publish'>) {
  return {
    /** A person with one account (more with `link`). */
    async person(account: AccountRef, displayName: string, staff = false): Promise<string> {
      const id = randomUUID();
      await db.pool.query(`INSERT INTO "Identity" ("id", "displayName", "staff", "updatedAt") VALUES ($1::text, $2::text, $3::boolean, now())`, [id, displayName, staff]);
      await db.pool.query(`INSERT INTO "IdentityAccount" ("id", "identityId", "platform", "userId", "via") VALUES ($1::text, $2::text, $3::text, $4::text, 'first-seen')`, [randomUUID(), id, account.platform, account.userId]);
      return id;
    },
    /** Appends a credit row and publishes credit.recorded with it, as credits does. */
    async credit(account: AccountRef, points: number, options: { at?: Date; staff?: boolean; sourceKey?: string } = {}): Promise<{ entryId: string; publish(): Promise<void> }> {
      const entryId = randomUUID();
      const at = options.at ?? new Date();
      const event = { type: 'credit.recorded', communityId: 'acme', entryId, account, points, reason: 'moderator', at: at.toISOString() } as const;
      await jobs.transaction(async (tx) => {
        await tx.query(`INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "staff", "createdAt") VALUES ($1::text, 'acme', $2::text, $3::text, $4::int, 'moderator', $5::text, $6::boolean, $7::timestamp)`,
          [entryId, account.platform, account.userId, points, options.sourceKey ?? entryId, options.staff ?? false, at.toISOString()]);
        await jobs.publish(tx, event);
      });
      // A redelivery of the same event.
      return { entryId, publish: () => jobs.transaction(async (tx) => void (await jobs.publish(tx, event))) };
    },
    async flag(members: string[], status = 'open'): Promise<string> {
      const id = randomUUID();
      await db.pool.query(`INSERT INTO "CreditFlag" ("id", "communityId", "kind", "members", "evidence", "status") VALUES ($1::text, 'acme', 'ring', $2::text[], '{}'::jsonb, $3::text)`, [id, members, status]);
      return id;
    },
    setFlag: (id: string, status: string) => db.pool.query(`UPDATE "CreditFlag" SET "status" = $2::text WHERE "id" = $1::text`, [id, status]),
    holding: async (personId: string) =>
      (await db.pool.query<{ tierId: string; grantedRoleId: string | null; discordUserId: string | null }>(`SELECT "tierId", "grantedRoleId", "discordUserId" FROM "TierHolding" WHERE "identityId" = $1::text`, [personId])).rows[0] ?? null,
    changes: async (personId: string) =>
      (await db.pool.query<{ id: string; fromTier: string | null; toTier: string | null; direction: string }>(`SELECT "id", "fromTier", "toTier", "direction" FROM "TierChange" WHERE "identityId" = $1::text ORDER BY "at", "id"`, [personId])).rows,
  };
}

/** One call recognition made to Discord. */
export type DeliveryCall =
  | { kind: 'role'; userId: string; roleId: string; held: boolean }
  | { kind: 'channel'; channelId: string; text: string; key: string }
  | { kind: 'direct'; userId: string; text: string; key: string };

/**
 * A Discord that records calls and member roles (posts deduplicated by key, as Discord's nonce
 * does); `failNext` makes the next calls fail as an outage does, and roles in `refused` are above
 * Heimo's (a 403).
 */
export function recordingDelivery() {
  const calls: DeliveryCall[] = [];
  const roles = new Map<string, Set<string>>();
  const posted = new Set<string>();
  const refused = new Set<string>();
  let failures = 0;
  const outage = (): void => {
    if (failures > 0) {
      failures -= 1;
      throw new HeimoError('PLATFORM_UNAVAILABLE', 'discord answered 503');
    }
  };
  const delivery: RecognitionDelivery = {
    async setMemberRole(_guildId, userId, roleId, held) {
      outage();
      if (refused.has(roleId)) throw new PlatformRejectedError('discord', 'Missing Permissions', { context: { status: 403, discordCode: 50013 } });
      calls.push({ kind: 'role', userId, roleId, held });
      const set = roles.get(userId) ?? new Set<string>();
      if (held) set.add(roleId);
      else set.delete(roleId);
      roles.set(userId, set);
    },
    async memberRoles(_guildId, userId) {
      return roles.has(userId) ? [...(roles.get(userId) ?? [])] : null;
    },
    async postChannelMessage(channelId, text, key) {
      outage();
      if (posted.has(key)) return;
      posted.add(key);
      calls.push({ kind: 'channel', channelId, text, key });
    },
    async postDirect(userId, text, key) {
      outage();
      if (posted.has(key)) return;
      posted.add(key);
      calls.push({ kind: 'direct', userId, text, key });
    },
  };
  return {
    delivery,
    calls,
    roles,
    refused,
    /** Makes the member exist (with these roles) or leave (null). */
    member: (userId: string, held: string[] | null) => (held === null ? void roles.delete(userId) : void roles.set(userId, new Set(held))),
    failNext: (count: number) => void (failures = count),
  };
}
