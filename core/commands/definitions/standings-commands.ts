import { STANDINGS_WINDOWS, type Board, type CreditReason, type LeaderboardRow, type ProfileView, type StandingsWindow } from '../../credits/index.ts';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import type { CommandContext, CommandDefinition, CommandGroup, CommandReply } from '../types.ts';

// `leaderboard` and `profile` (issue 11): the read side of credits in chat. The leaderboard is
// public in the channel (the community sees its own members there); the public web page is the one
// that shows only people who consented (`privacy board on`). A profile is told privately.

const BOARDS: readonly Board[] = ['community', 'staff'];

const unavailable = (t: Translator): CommandReply => ({ visibility: 'private', text: t('reply.standings.unavailable') });

const windowArg = (context: CommandContext): StandingsWindow => {
  const value = context.args['window'];
  return STANDINGS_WINDOWS.find((window) => window === value) ?? '30d';
};

const line = (row: LeaderboardRow, t: Translator): string =>
  t('reply.leaderboard.line', { rank: row.rank, name: row.displayName, points: row.points, tier: row.tierName === undefined ? '' : t('reply.leaderboard.tier', { tier: row.tierName }) });

/** A profile as the person reads it: tier, points over the tier window and in all, by reason, and the help given. */
export function formatProfile(profile: ProfileView, t: Translator): string {
  const reasons = (Object.entries(profile.pointsByReason) as Array<[CreditReason, number]>)
    .filter(([, points]) => points !== 0)
    // Most points first (ties by reason), whatever order the ledger's rows came in.
    .sort(([a, left], [b, right]) => right - left || a.localeCompare(b))
    .map(([reason, points]) => t('reply.profile.reason', { reason: t(`reason.${reason}` as MessageKey), points }));
  return [
    t('reply.profile.title', { name: profile.displayName, tier: profile.tierName ?? profile.tierId ?? t('reply.profile.noTier') }),
    t('reply.profile.points', { window: profile.windowPoints, total: profile.totalPoints }),
    ...(reasons.length === 0 ? [] : [t('reply.profile.reasons', { reasons: reasons.join(', ') })]),
    t('reply.profile.helped', { answers: profile.answersAccepted, articles: profile.articles, people: profile.peopleHelped }),
  ].join('\n');
}

/** The standings commands (issue 11). */
export const STANDINGS_COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'leaderboard', kind: 'command', descriptionKey: 'command.leaderboard.description', permission: 'anyone', scope: 'any',
    options: [
      { name: 'window', descriptionKey: 'option.window.description', type: 'choice', required: false, choices: STANDINGS_WINDOWS.map((value) => ({ value, labelKey: `choice.window.${value}` as const })) },
      { name: 'board', descriptionKey: 'option.board.description', type: 'choice', required: false, choices: BOARDS.map((value) => ({ value, labelKey: `choice.board.${value}` as const })) },
    ],
    handler: async (context) => {
      const { services, t, invocation } = context;
      if (services.credits === undefined) return unavailable(t);
      const window = windowArg(context);
      const board: Board = context.args['board'] === 'staff' ? 'staff' : 'community';
      const rows = await services.credits.leaderboard({ communityId: invocation.communityId, window, board, limit: 10 });
      const title = t('reply.leaderboard.title', { board: t(`choice.board.${board}`), window: t(`choice.window.${window}`) });
      const body = rows.length === 0 ? [t('reply.leaderboard.empty')] : rows.map((row) => line(row, t));
      return { visibility: 'public', text: [title, ...body].join('\n') };
    },
  },
  {
    name: 'profile', kind: 'command', descriptionKey: 'command.profile.description', permission: 'anyone', scope: 'any',
    options: [{ name: 'user', descriptionKey: 'option.profileUser.description', type: 'user', required: false }],
    handler: async (context) => {
      const { services, t, invocation } = context;
      if (services.credits === undefined) return unavailable(t);
      const named = context.args['user'];
      const self = typeof named !== 'string' || named === '' || named === invocation.actor.userId;
      const account = { platform: invocation.platform, userId: self ? invocation.actor.userId : named };
      const key = `${account.platform}:${account.userId}`;
      // An account identity never saw is its own person, keyed like identity's map (see createStandings).
      const personId = (await services.identity?.peopleOf([account]))?.get(key)?.id ?? key;
      const profile = await services.credits.profile({ communityId: invocation.communityId, personId });
      const name = self ? invocation.actor.displayName : account.userId;
      if (profile === null) return { visibility: 'private', text: t('reply.profile.none', { name }) };
      // Only identity knows names; an account it never saw is named as the platform names the one asking.
      const shown = profile.personId === key && self ? { ...profile, displayName: name } : profile;
      return { visibility: 'private', text: formatProfile(shown, t) };
    },
  },
];

/** The groups the standings commands belong to. */
export const STANDINGS_GROUPS: readonly CommandGroup[] = [];
