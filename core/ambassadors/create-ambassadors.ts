import type { CommunityConfig, DigestConfig, NetworkConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { FiredTimer, Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { buildReport, type ReportSources } from './build-report.ts';
import { DIGEST_TIMER, digestKey, isoWeekOf, nextDigestAt, previousDigestAt } from './digest-schedule.ts';
import { digestText } from './digest-text.ts';
import type { AmbassadorReport, AmbassadorsService, DigestDelivery } from './port.ts';
import { createSqlDigestStore, type DigestStore } from './sql-digest-store.ts';

// The ambassadors capability: the report on demand, and the weekly digest on one timer per
// community. The firing records the week (AmbassadorDigest) and posts in the timer's transaction:
// a second firing for the same week finds the record and posts nothing; a failed post rolls the
// record back and the timer is retried (the post's idempotency key keeps a retry from doubling it).

/** Days a report covers unless asked otherwise; the digest always covers the week before it. */
export const REPORT_DAYS = 7;

/** A digest missed by at most this long (Heimo was down at its hour) is posted at start. */
export const DIGEST_CATCH_UP_MS = 86_400_000;

/** What the ambassadors capability needs. */
export interface AmbassadorsConfig extends ReportSources {
  jobs: Pick<Jobs, 'transaction' | 'setTimer' | 'clearTimer' | 'onTimer'>;
  network: () => NetworkConfig;
  delivery: DigestDelivery;
  store?: DigestStore;
  logger?: Logger;
  now?: () => Date;
}

const digestOf = (community: CommunityConfig | undefined): DigestConfig | undefined => (community?.credits.enabled === true ? community.credits.digest : undefined);

/** Creates the ambassadors capability. */
export function createAmbassadors(config: AmbassadorsConfig): AmbassadorsService {
  const store = config.store ?? createSqlDigestStore();
  const now = config.now ?? (() => new Date());
  const communityOf = (communityId: string): CommunityConfig | undefined => config.network().communities.find((community) => community.id === communityId);
  const tierName = (community: CommunityConfig) => (tierId: string): string => community.credits.tiers.find((tier) => tier.id === tierId)?.name ?? tierId;

  const report = async (communityId: string, options: { days?: number; to?: Date } = {}, tx?: Tx): Promise<AmbassadorReport> => {
    const community = communityOf(communityId);
    if (community === undefined) throw new HeimoError('NOT_FOUND', `no community "${communityId}" in the network file`, { context: { communityId } });
    const days = options.days ?? REPORT_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new HeimoError('BAD_INPUT', `a report covers 1 to 366 days, got ${days}`, { context: { days } });
    return buildReport(config, community, { days, to: options.to ?? now() }, translator(undefined, community.locale), tx);
  };

  const fire = async (timer: FiredTimer, tx: Tx): Promise<void> => {
    const communityId = String(timer.payload['communityId'] ?? '');
    const community = communityOf(communityId);
    const digest = digestOf(community);
    // A community gone from the network file, or its digest turned off: the timer is not set again.
    if (community === undefined || digest === undefined) return;
    const week = isoWeekOf(timer.dueAt, digest.timeZone);
    if (!(await store.posted(tx, communityId, week))) {
      const t = translator(undefined, community.locale);
      const built = await buildReport(config, community, { days: REPORT_DAYS, to: timer.dueAt }, t, tx);
      const summary = { top: built.top.length, rising: built.rising.length, newTierHolders: built.newTierHolders.length, referenceCandidates: built.referenceCandidates.length };
      if (await store.record(tx, communityId, week, timer.firedAt, summary)) {
        await config.delivery.post(digest.destination, digestText(built, { t, tierName: tierName(community), timeZone: digest.timeZone }), `${digestKey(communityId)}:${week}`);
        config.logger?.info('ambassador digest posted', { communityId, week, ...summary });
      }
    }
    const after = new Date(Math.max(timer.dueAt.getTime(), timer.firedAt.getTime()));
    await config.jobs.setTimer(tx, { key: digestKey(communityId), kind: DIGEST_TIMER, dueAt: nextDigestAt(digest, after), payload: { communityId } });
  };

  return {
    listen() {
      config.jobs.onTimer(DIGEST_TIMER, fire);
    },
    async schedule() {
      const at = now();
      await config.jobs.transaction(async (tx) => {
        for (const community of config.network().communities) {
          const digest = digestOf(community);
          if (digest === undefined) {
            await config.jobs.clearTimer(tx, digestKey(community.id));
            continue;
          }
          // The week's digest missed while Heimo was down is posted now rather than skipped.
          const previous = previousDigestAt(digest, at);
          const missed = at.getTime() - previous.getTime() < DIGEST_CATCH_UP_MS && !(await store.posted(tx, community.id, isoWeekOf(previous, digest.timeZone)));
          const dueAt = missed ? previous : nextDigestAt(digest, at);
          await config.jobs.setTimer(tx, { key: digestKey(community.id), kind: DIGEST_TIMER, dueAt, payload: { communityId: community.id } });
        }
      });
    },
    report: (communityId, options) => report(communityId, options),
  };
}
