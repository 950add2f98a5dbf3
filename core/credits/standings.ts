import type { AccountRef } from '../domain/domain-events.ts';
import { DEFAULT_CREDITS, type CreditsConfig } from '../domain/network.ts';
import type { Platform } from '../domain/types.ts';
import type { IdentityService, PersonView } from '../identity/index.ts';
import type { Tx } from '../jobs/index.ts';
import type { CreditReason, CreditsService, LeaderboardRow, ProfileView, StandingsWindow } from './port.ts';
import { createSqlStandingsStore, type AccountTotal, type ProfileRow, type StandingsDatabase } from './sql-standings.ts';
import { WINDOWS, accountKey, lonePerson, rankRows, sinceOf, type PersonGroup } from './standings-support.ts';

/**
 * What the standings read: credits' own ledger, identity's people (read only: a read never creates
 * a person), each community's tier holdings and its credits settings (tier names, tier window).
 */
export interface StandingsConfig {
  database: StandingsDatabase;
  identity: Pick<IdentityService, 'peopleOf' | 'person'>;
  /** The tier id of each person (by person id) in a community; absent: nobody has a tier. */
  tierOf?: (communityId: string) => Promise<Map<string, string>>;
  /** The community's credits settings; absent or undefined: DEFAULT_CREDITS. */
  credits?: (communityId: string) => CreditsConfig | undefined;
  now?: () => Date;
}

/** Credits' read side: leaderboards, profiles and the sums tiers and the digest count. */
export type Standings = Pick<CreditsService, 'leaderboard' | 'profile' | 'pointsSince' | 'totalsSince'>;

const ACCEPTED: ReadonlySet<CreditReason> = new Set(['answer.accepted', 'answer.accepted.routed']);

/** Is `window` one of the leaderboard's windows (input from a command or a URL). */
export const isStandingsWindow = (window: unknown): window is StandingsWindow => typeof window === 'string' && (WINDOWS as readonly string[]).includes(window);

/**
 * Creates the standings. The ledger names accounts; identity groups them into people. An account
 * identity has never seen (it should not happen: identity ensures every credited account) counts
 * as a person of its own with the id `${platform}:${userId}`, so no credit is ever dropped.
 */
export function createStandings(config: StandingsConfig): Standings {
  const store = createSqlStandingsStore(config.database);
  const now = config.now ?? (() => new Date());
  const settings = (communityId: string): CreditsConfig => config.credits?.(communityId) ?? DEFAULT_CREDITS;
  const tiers = async (communityId: string): Promise<Map<string, string>> => (await config.tierOf?.(communityId)) ?? new Map();
  const tierName = (communityId: string, tierId: string | null): { tierName?: string } => {
    const name = tierId === null ? undefined : settings(communityId).tiers.find((tier) => tier.id === tierId)?.name;
    return name === undefined ? {} : { tierName: name };
  };

  // Sums accounts into people: linked accounts add up under their person.
  const group = async (totals: readonly AccountTotal[], tx?: Tx): Promise<PersonGroup[]> => {
    const people = await config.identity.peopleOf(totals, tx);
    const groups = new Map<string, PersonGroup>();
    for (const total of totals) {
      const person = people.get(accountKey(total)) ?? lonePerson(total);
      const known = groups.get(person.id) ?? { person, points: 0 };
      known.points += total.points;
      groups.set(person.id, known);
    }
    return [...groups.values()];
  };

  // The person a profile is of: identity's, or an account it never saw, named `${platform}:${userId}`.
  const personOf = async (personId: string): Promise<{ person: PersonView; known: boolean } | null> => {
    const person = await config.identity.person(personId);
    if (person !== null) return { person, known: true };
    const match = /^(discord|slack|teams):(.+)$/.exec(personId);
    if (match === null) return null;
    const account: AccountRef = { platform: match[1] as Platform, userId: match[2] ?? '' };
    const linked = (await config.identity.peopleOf([account])).get(accountKey(account));
    return linked === undefined ? { person: lonePerson(account), known: false } : { person: linked, known: true };
  };

  const refs = (person: PersonView): AccountRef[] => person.accounts.map(({ platform, userId }) => ({ platform, userId }));

  return {
    async leaderboard({ communityId, window, board = 'community', limit = 10 }) {
      const totals = await store.totals(communityId, sinceOf(window, now()), board);
      // Staff never appear on the community board, even with rows from before they were staff.
      const people = (await group(totals)).filter((entry) => entry.points > 0 && (board === 'staff' || !entry.person.staff));
      const held = await tiers(communityId);
      return rankRows(people).slice(0, Math.max(0, limit)).map(({ rank, person, points }): LeaderboardRow => {
        const tierId = held.get(person.id) ?? null;
        return { rank, personId: person.id, displayName: person.displayName, points, tierId, ...tierName(communityId, tierId), accounts: refs(person) };
      });
    },

    async profile({ communityId, personId }) {
      const found = await personOf(personId);
      if (found === null) return null;
      const { person } = found;
      const rows = await store.rowsOf(communityId, refs(person));
      if (!found.known && rows.length === 0) return null;
      const since = now().getTime() - settings(communityId).tierWindowMs;
      const tierId = (await tiers(communityId)).get(person.id) ?? null;
      return {
        personId: person.id,
        displayName: person.displayName,
        staff: person.staff || rows.some((row) => row.staff),
        tierId,
        ...tierName(communityId, tierId),
        ...figures(rows, since),
        accounts: refs(person),
      } satisfies ProfileView;
    },

    async pointsSince(communityId, personId, since, tx) {
      const person = (await config.identity.person(personId, tx)) ?? (await personOf(personId))?.person;
      if (person === undefined) return 0;
      const rows = await store.rowsOf(communityId, refs(person), tx);
      return rows.reduce((sum, row) => (row.staff || row.createdAt < since ? sum : sum + row.points), 0);
    },

    async totalsSince(communityId, since, tx) {
      const people = await group(await store.totals(communityId, since, 'community', tx), tx);
      return new Map(people.map((entry) => [entry.person.id, entry.points]));
    },
  };
}

/**
 * A profile's figures from the person's rows. Reversals count (as the `reversal` reason, and in the
 * sums); a reversed accepted answer or article is not counted. People helped: the distinct
 * questions (conversations) their accepted answers solved, one asker per question.
 */
function figures(rows: readonly ProfileRow[], sinceMs: number): Pick<ProfileView, 'windowPoints' | 'totalPoints' | 'pointsByReason' | 'answersAccepted' | 'articles' | 'peopleHelped'> {
  const pointsByReason: Partial<Record<CreditReason, number>> = {};
  let windowPoints = 0;
  let totalPoints = 0;
  let answersAccepted = 0;
  const articles = new Set<string>();
  const questions = new Set<string>();
  for (const row of rows) {
    totalPoints += row.points;
    if (row.createdAt.getTime() >= sinceMs) windowPoints += row.points;
    pointsByReason[row.reason] = (pointsByReason[row.reason] ?? 0) + row.points;
    if (row.reversed) continue;
    if (ACCEPTED.has(row.reason)) {
      answersAccepted += 1;
      if (row.conversationId !== null) questions.add(row.conversationId);
    }
    if (row.reason === 'article.published' && row.articleId !== null) articles.add(row.articleId);
  }
  return { windowPoints, totalPoints, pointsByReason, answersAccepted, articles: articles.size, peopleHelped: questions.size };
}
