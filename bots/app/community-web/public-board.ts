import type { CreditsService, LeaderboardRow, ProfileView, StandingsWindow } from '../../../core/credits/index.ts';
import { HeimoError } from '../../../core/errors.ts';
import { personKey, type Consents } from '../../../core/privacy/index.ts';

// What the public leaderboard and people pages may show: people who consented (`privacy board on`
// on any of their accounts), never staff. Everyone else is left out entirely: not a gap in the
// ranks, not a count, not a 403 that would tell they exist.

/** The reads the public board needs: credits' standings and privacy's consents. */
export interface PublicBoardConfig {
  standings: Pick<CreditsService, 'leaderboard' | 'profile'>;
  consents: Consents;
  /** The communities served (the first is the default). */
  communities: () => readonly { id: string; name: string }[];
}

/** One person as the public sees them on the board. */
export interface PublicRow {
  rank: number;
  id: string;
  name: string;
  points: number;
  tier: { id: string; name: string } | null;
}

/** The leaderboard's windows as a URL gives them. */
export const PUBLIC_WINDOWS: readonly StandingsWindow[] = ['7d', '30d', 'all'];

/** People shown on a public board at most. */
export const PUBLIC_LIMIT = 50;

// Enough of the standings to still fill the public board when many above have not consented.
const READ_LIMIT = 1_000;

/** A parameter of the public board that cannot be served (400). */
export class BoardInputError extends HeimoError {
  constructor(readonly field: 'window' | 'community', message: string) {
    super('BAD_INPUT', message, { context: { field } });
    this.name = 'BoardInputError';
  }
}

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

/** `window` of a request: 30d when absent; anything else is refused. */
export function windowOf(raw: unknown): StandingsWindow {
  const text = single(raw);
  if (text === undefined || text === '') return '30d';
  const window = PUBLIC_WINDOWS.find((known) => known === text);
  if (window === undefined) throw new BoardInputError('window', `window must be one of ${PUBLIC_WINDOWS.join(', ')}, got "${text.slice(0, 20)}"`);
  return window;
}

const tierOf = (view: Pick<LeaderboardRow, 'tierId' | 'tierName'>): PublicRow['tier'] => (view.tierId === null ? null : { id: view.tierId, name: view.tierName ?? view.tierId });

/** The public board's reads. */
export interface PublicBoard {
  /** The community a request names (`community=`), else the first; unknown: BAD_INPUT. */
  community(raw: unknown): { id: string; name: string };
  leaderboard(communityId: string, window: StandingsWindow): Promise<PublicRow[]>;
  /** A consented, non-staff person's profile; null otherwise (unknown, not consented, staff). */
  person(communityId: string, personId: string): Promise<ProfileView | null>;
}

/** Creates the public board's reads over standings and consents. */
export function createPublicBoard(config: PublicBoardConfig): PublicBoard {
  const consented = async (accounts: LeaderboardRow['accounts']): Promise<boolean> => {
    const choices = await config.consents.choicesOf(accounts);
    return accounts.some((account) => choices.get(personKey(account))?.showOnBoard === true);
  };
  return {
    community(raw) {
      const all = config.communities();
      const id = single(raw);
      const found = id === undefined || id === '' ? all[0] : all.find((community) => community.id === id);
      if (found === undefined) throw new BoardInputError('community', id === undefined ? 'no community is configured' : `no community "${id.slice(0, 40)}"`);
      return found;
    },
    async leaderboard(communityId, window) {
      const rows = await config.standings.leaderboard({ communityId, window, board: 'community', limit: READ_LIMIT });
      const choices = await config.consents.choicesOf(rows.flatMap((row) => row.accounts));
      const shown = rows.filter((row) => row.accounts.some((account) => choices.get(personKey(account))?.showOnBoard === true)).slice(0, PUBLIC_LIMIT);
      // Ranked again among those shown: a hidden person leaves no gap.
      let rank = 0;
      return shown.map((row, index) => {
        if (index === 0 || shown[index - 1]?.points !== row.points) rank = index + 1;
        return { rank, id: row.personId, name: row.displayName, points: row.points, tier: tierOf(row) };
      });
    },
    async person(communityId, personId) {
      const profile = await config.standings.profile({ communityId, personId });
      if (profile === null || profile.staff || !(await consented(profile.accounts))) return null;
      return profile;
    },
  };
}

/** A profile as `GET /api/people/:id` answers it: no platform ids, only what the page shows. */
export function profileJson(profile: ProfileView, communityId: string): Record<string, unknown> {
  return {
    id: profile.personId,
    name: profile.displayName,
    community: communityId,
    tier: tierOf(profile),
    points: { window: profile.windowPoints, total: profile.totalPoints, byReason: profile.pointsByReason },
    answersAccepted: profile.answersAccepted,
    articles: profile.articles,
    peopleHelped: profile.peopleHelped,
  };
}
