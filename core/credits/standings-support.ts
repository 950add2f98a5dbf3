import type { AccountRef } from '../domain/domain-events.ts';
import type { PersonView } from '../identity/index.ts';
import type { StandingsWindow } from './port.ts';

// Pure parts of the standings: windows, the key identity's maps use, ranking.

/** The leaderboard's windows, shortest first. */
export const WINDOWS: readonly StandingsWindow[] = ['7d', '30d', 'all'];

const DAY_MS = 86_400_000;

/** Where a window starts; null: all time. */
export const sinceOf = (window: StandingsWindow, now: Date): Date | null =>
  window === 'all' ? null : new Date(now.getTime() - (window === '7d' ? 7 : 30) * DAY_MS);

/** The key identity's `peopleOf` answers by. */
export const accountKey = (account: AccountRef): string => `${account.platform}:${account.userId}`;

/** An account identity never saw, as a person of its own (its id is its key; its name, its user id). */
export const lonePerson = (account: AccountRef): PersonView => ({
  id: accountKey(account),
  displayName: account.userId,
  staff: false,
  accounts: [{ platform: account.platform, userId: account.userId, via: 'first-seen' }],
});

/** A person and their summed points. */
export interface PersonGroup {
  person: PersonView;
  points: number;
}

/** Most points first (ties by name, then id, so the order is stable); equal points share a rank (1, 2, 2, 4). */
export function rankRows<T extends PersonGroup>(people: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...people].sort((a, b) => b.points - a.points || a.person.displayName.localeCompare(b.person.displayName) || a.person.id.localeCompare(b.person.id));
  let rank = 0;
  return sorted.map((entry, index) => {
    if (index === 0 || sorted[index - 1]?.points !== entry.points) rank = index + 1;
    return { ...entry, rank };
  });
}
