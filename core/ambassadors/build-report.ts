import type { AccountRef } from '../domain/domain-events.ts';
import type { CommunityConfig } from '../domain/network.ts';
import type { CreditsService } from '../credits/index.ts';
import type { IdentityService, PersonView } from '../identity/index.ts';
import type { Translator } from '../i18n/index.ts';
import type { Tx } from '../jobs/index.ts';
import type { RecognitionService } from '../recognition/index.ts';
import { formatDuration } from './digest-text.ts';
import type { AmbassadorReport, AmbassadorRow, AskerOutcomes, AskerRatings, ReferenceCandidate, ThanksGiven } from './port.ts';
import { fastAndThankful, pointsBetween, ratedWell, REPORT_LIMITS, risingHelpers, sustainedHelpers, topHelpers, type PointsRow } from './report-ranking.ts';

// Gathers a report through the other capabilities' ports (credits' running totals, recognition's
// tier changes and holdings, identity's people, the lifecycle's solved questions, credits' thanks,
// satisfaction's survey ratings) and ranks it. Every person shown is looked up once; staff never appear.

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The ports a report reads. */
export interface ReportSources {
  credits: Pick<CreditsService, 'totalsSince'>;
  recognition: Pick<RecognitionService, 'holdings' | 'changesSince'>;
  identity: Pick<IdentityService, 'peopleOf' | 'person'>;
  outcomes: AskerOutcomes;
  thanks: ThanksGiven;
  ratings: AskerRatings;
}

const accountKey = (account: AccountRef): string => `${account.platform}:${account.userId}`;

/** The report of `community` over [to - days, to), evidence worded by `t`; in `tx` when given (a timer handler's). */
export async function buildReport(sources: ReportSources, community: Pick<CommunityConfig, 'id' | 'name'>, period: { days: number; to: Date }, t: Translator, tx?: Tx): Promise<AmbassadorReport> {
  const communityId = community.id;
  const to = period.to;
  const from = new Date(to.getTime() - period.days * DAY_MS);
  const previousFrom = new Date(from.getTime() - period.days * DAY_MS);
  // Running totals since each boundary; points in a span are the difference of two of them.
  const totals = new Map<number, Promise<Map<string, number>>>();
  const since = (moment: Date): Promise<Map<string, number>> => {
    const cached = totals.get(moment.getTime()) ?? sourcesTotals(sources, communityId, moment, tx);
    totals.set(moment.getTime(), cached);
    return cached;
  };
  const between = async (start: Date, end: Date): Promise<Map<string, number>> => pointsBetween(await since(start), await since(end));
  const [current, previous, holdings, changes, solved, thanks, ratings] = await Promise.all([
    between(from, to),
    between(previousFrom, from),
    sources.recognition.holdings(communityId, tx),
    sources.recognition.changesSince(communityId, from, tx),
    sources.outcomes.solvedBetween(communityId, from, to, tx),
    sources.thanks.thanksGivenBetween(communityId, from, to, tx),
    sources.ratings.ratedBetween(communityId, from, to, tx),
  ]);
  const weeks: Map<string, number>[] = [];
  for (let k = REPORT_LIMITS.sustainedWeeks; k >= 1; k -= 1) weeks.push(await between(new Date(to.getTime() - k * WEEK_MS), new Date(to.getTime() - (k - 1) * WEEK_MS)));

  const people = new Map<string, PersonView | null>();
  const personOf = async (personId: string): Promise<PersonView | null> => {
    if (!people.has(personId)) people.set(personId, await sources.identity.person(personId, tx));
    return people.get(personId) ?? null;
  };
  const notStaff = async <T extends { personId: string }>(rows: T[]): Promise<T[]> => {
    const kept: T[] = [];
    for (const row of rows) if ((await personOf(row.personId))?.staff === false) kept.push(row);
    return kept;
  };
  const nameOf = (personId: string): string => people.get(personId)?.displayName ?? personId;
  const tierOf = (personId: string): string | null => holdings.get(personId)?.tierId ?? null;
  const row = (points: PointsRow): AmbassadorRow => ({ personId: points.personId, displayName: nameOf(points.personId), tierId: tierOf(points.personId), points: points.points, previousPoints: points.previousPoints });

  const pointsRows: PointsRow[] = [...new Set([...current.keys(), ...previous.keys()])].map((personId) => ({ personId, points: current.get(personId) ?? 0, previousPoints: previous.get(personId) ?? 0 }));
  const eligible = await notStaff(pointsRows.filter((points) => points.points > 0));
  const top = topHelpers(eligible).map(row);
  const rising = risingHelpers(eligible).map(row);
  const promotions = await notStaff(changes.filter((change) => change.direction === 'promoted' && change.to !== null && change.at < to));
  const newTierHolders = promotions.map((change) => ({ personId: change.personId, displayName: nameOf(change.personId), tierId: change.to ?? '', at: change.at }));

  // Askers, thankers and raters are accounts; the report speaks of people (linked accounts count together).
  const rated = ratings.flatMap((rating) => (rating.score === null ? [] : [{ asker: rating.asker, score: rating.score }]));
  const byAccount = await sources.identity.peopleOf([...solved.map((question) => question.asker), ...thanks.map((entry) => entry.giver), ...rated.map((rating) => rating.asker)], tx);
  // The values of each non-staff person (linked accounts count together); the people met are kept for their names.
  const byPerson = <T>(items: readonly T[], account: (item: T) => AccountRef, value: (item: T) => number): Map<string, number[]> => {
    const grouped = new Map<string, number[]>();
    for (const item of items) {
      const person = byAccount.get(accountKey(account(item)));
      if (person === undefined || person.staff) continue;
      people.set(person.id, person);
      grouped.set(person.id, [...(grouped.get(person.id) ?? []), value(item)]);
    }
    return grouped;
  };
  const solvedMs = byPerson(solved, (question) => question.asker, (question) => question.resolutionMs);
  const thanksByPerson = new Map<string, number>();
  for (const entry of thanks) {
    const person = byAccount.get(accountKey(entry.giver));
    if (person !== undefined) thanksByPerson.set(person.id, (thanksByPerson.get(person.id) ?? 0) + entry.count);
  }
  const scoresByPerson = byPerson(rated, (rating) => rating.asker, (rating) => rating.score);
  const wellRated = new Map(ratedWell(scoresByPerson).map((found) => [found.personId, t('ambassadors.evidence.rated', { scores: found.scores.map((score) => `${score}/5`).join(', ') })]));
  const references: ReferenceCandidate[] = fastAndThankful(solvedMs, solved.map((question) => question.resolutionMs), thanksByPerson).map((found) => ({
    personId: found.personId,
    displayName: nameOf(found.personId),
    why: 'solved-fast-and-thankful',
    // A fast, thankful asker who also rated well says so too.
    evidence: [t('ambassadors.evidence.fastThankful', { solved: found.solved, median: formatDuration(t, found.medianMs), communityMedian: formatDuration(t, found.communityMedianMs), thanks: found.thanks }), wellRated.get(found.personId)]
      .filter((part) => part !== undefined).join('; '),
  }));
  for (const [personId, evidence] of wellRated) {
    if (!references.some((candidate) => candidate.personId === personId)) references.push({ personId, displayName: nameOf(personId), why: 'rated-well', evidence });
  }
  for (const steady of await notStaff(sustainedHelpers(weeks))) {
    if (references.some((candidate) => candidate.personId === steady.personId)) continue;
    references.push({ personId: steady.personId, displayName: nameOf(steady.personId), why: 'sustained-helper', evidence: t('ambassadors.evidence.sustained', { weeks: REPORT_LIMITS.sustainedWeeks, points: steady.points }) });
  }
  return { communityId, communityName: community.name, from, to, top, rising, newTierHolders, referenceCandidates: references.slice(0, REPORT_LIMITS.references) };
}

function sourcesTotals(sources: ReportSources, communityId: string, moment: Date, tx: Tx | undefined): Promise<Map<string, number>> {
  return sources.credits.totalsSince(communityId, moment, tx);
}
