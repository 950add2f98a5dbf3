import { randomUUID } from 'node:crypto';
import { defineCommunity, DEFAULT_CREDITS, type NetworkConfig } from '../../../core/domain/network.ts';
import type { CreditReason } from '../../../core/credits/index.ts';
import type { Platform } from '../../../core/domain/types.ts';
import { createIdentity, type AccountFacts, type IdentityService, type PersonView } from '../../../core/identity/index.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestJobs } from '../../support/test-jobs.ts';

/** The clock the standings' fixtures are written against. */
export const NOW = new Date('2026-12-03T12:00:00Z');
const DAY_MS = 86_400_000;
/** A moment `days` before NOW. */
export const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY_MS);

/** The community of the standings' tests: staff by e-mail domain, a 30-day tier window. */
export const STANDINGS_NETWORK: NetworkConfig = {
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], staff: { emailDomains: ['acme.test'], emails: [], accounts: [] } })],
  internalMarkers: [],
};
/** Credits settings of the tests: the default tiers, points counted over 30 days. */
export const STANDINGS_CREDITS = { ...DEFAULT_CREDITS, tierWindowMs: 30 * DAY_MS };

/** One ledger row as the test writes it (credits' own statements live on the credits branch). */
export interface SeedCredit {
  platform: Platform;
  userId: string;
  points: number;
  reason: CreditReason;
  at: Date;
  staff?: boolean;
  conversationId?: string;
  articleId?: string;
  reverses?: string;
  communityId?: string;
}

/** Appends a ledger row; answers its id. */
export async function credit(db: Pick<Database, 'pool'>, row: SeedCredit): Promise<string> {
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "conversationId", "articleId", "reversesId", "staff", "createdAt")
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::int, $6::text, $7::text, $8::text, $9::text, $10::text, $11::boolean, $12::timestamp)`,
    [id, row.communityId ?? 'acme', row.platform, row.userId, row.points, row.reason, `seed:${id}`, row.conversationId ?? null, row.articleId ?? null, row.reverses ?? null, row.staff ?? false, row.at.toISOString()],
  );
  return id;
}

/** The people of the standings' world. */
export interface SeededPeople {
  identity: IdentityService;
  /** Discord d-ann and her second Discord account d-ann2, linked by a code: 13 points in the last 7 days. */
  ann: PersonView;
  /** Discord d-ben: 15 in 30 days (a reversed answer), 25 in all with two articles. */
  ben: PersonView;
  /** Slack U-SAM, staff (every Slack account is): 10 staff points. */
  sam: PersonView;
  /** Discord d-lone: never seen by identity, 3 points. */
  lone: { platform: 'discord'; userId: 'd-lone' };
}

const facts = (platform: Platform, userId: string, displayName: string, email?: string): AccountFacts => ({ platform, userId, displayName, ...(email === undefined ? {} : { email }) });

/** People through identity's own code (ensure, link codes) and their credits. */
export async function seedStandings(db: Database): Promise<SeededPeople> {
  const jobs = createTestJobs(db);
  const identity = createIdentity({ database: db, jobs, network: () => STANDINGS_NETWORK, logger: createLogger({ level: 'silent' }), now: () => NOW });
  const ensure = (account: AccountFacts) => jobs.transaction((tx) => identity.ensure(tx, account, 'acme'));
  await ensure(facts('discord', 'd-ann', 'Ann'));
  await ensure(facts('discord', 'd-ann2', 'Ann'));
  const { code } = await identity.createLinkCode(facts('discord', 'd-ann', 'Ann'));
  const ann = await identity.redeemLinkCode(code, facts('discord', 'd-ann2', 'Ann'), { kind: 'person', platform: 'discord', userId: 'd-ann2' });
  const ben = await ensure(facts('discord', 'd-ben', 'Ben'));
  const sam = await ensure(facts('slack', 'U-SAM', 'Sam', 'sam@acme.test'));

  await credit(db, { platform: 'discord', userId: 'd-ann', points: 10, reason: 'answer.accepted', at: daysAgo(2), conversationId: 'c-1' });
  await credit(db, { platform: 'discord', userId: 'd-ann2', points: 3, reason: 'thanks', at: daysAgo(1) });
  await credit(db, { platform: 'discord', userId: 'd-ben', points: 15, reason: 'answer.accepted.routed', at: daysAgo(20), conversationId: 'c-2' });
  const deleted = await credit(db, { platform: 'discord', userId: 'd-ben', points: 10, reason: 'answer.accepted', at: daysAgo(3), conversationId: 'c-3' });
  await credit(db, { platform: 'discord', userId: 'd-ben', points: -10, reason: 'reversal', at: daysAgo(1), conversationId: 'c-3', reverses: deleted });
  await credit(db, { platform: 'discord', userId: 'd-ben', points: 5, reason: 'article.published', at: daysAgo(40), articleId: 'a-1' });
  await credit(db, { platform: 'discord', userId: 'd-ben', points: 5, reason: 'article.published', at: daysAgo(40), articleId: 'a-2' });
  await credit(db, { platform: 'slack', userId: 'U-SAM', points: 10, reason: 'answer.accepted', at: daysAgo(2), staff: true, conversationId: 'c-4' });
  await credit(db, { platform: 'discord', userId: 'd-lone', points: 3, reason: 'thanks', at: daysAgo(5) });
  // Another community's credits never count here.
  await credit(db, { platform: 'discord', userId: 'd-ben', points: 100, reason: 'moderator', at: daysAgo(1), communityId: 'other' });
  return { identity, ann, ben, sam, lone: { platform: 'discord', userId: 'd-lone' } };
}
