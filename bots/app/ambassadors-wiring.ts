import { createAmbassadors, type AmbassadorsService, type DigestDelivery } from '../../core/ambassadors/index.ts';
import { createSqlThanksGiven, type CreditsService } from '../../core/credits/index.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { HeimoError } from '../../core/errors.ts';
import type { IdentityService } from '../../core/identity/index.ts';
import type { Database } from '../../core/infra/db/create-database.ts';
import type { Jobs } from '../../core/jobs/index.ts';
import { createSqlAskerOutcomes } from '../../core/lifecycle/index.ts';
import type { Deliveries } from '../../core/outbox/index.ts';
import type { Logger } from '../../core/ports/logger.ts';
import type { RecognitionService } from '../../core/recognition/index.ts';
import type { SatisfactionService } from '../../core/satisfaction/index.ts';

// Issue 11, ambassadors: the report and the weekly digest over credits, recognition and identity,
// the lifecycle's solved questions, credits' thanks and satisfaction's ratings; the digest goes out through the Slack or
// Teams delivery of this process (`postNotice`).

/** What the ambassadors capability is wired from. */
export interface AmbassadorsWiringConfig {
  database: Pick<Database, 'pool' | 'kind'>;
  jobs: Pick<Jobs, 'transaction' | 'setTimer' | 'clearTimer' | 'onTimer'>;
  network: () => NetworkConfig;
  credits: Pick<CreditsService, 'totalsSince'>;
  recognition: Pick<RecognitionService, 'holdings' | 'changesSince'>;
  identity: Pick<IdentityService, 'peopleOf' | 'person'>;
  /** Askers' ratings (reference candidates who rated well). */
  satisfaction: Pick<SatisfactionService, 'ratedBetween'>;
  deliveries?: Deliveries;
  logger: Logger;
}

/**
 * Posts the digest with the employee delivery's `postNotice`. Every post is marked a retry: the
 * delivery then looks for an earlier post with the same key first (one history read a week), so a
 * digest whose transaction failed after posting is not posted twice.
 */
export function digestDelivery(deliveries: Deliveries | undefined): DigestDelivery {
  return {
    async post(destination, text, idempotencyKey) {
      const employee = deliveries?.[destination.platform];
      if (employee?.postNotice === undefined) throw new HeimoError('PLATFORM_UNAVAILABLE', `no ${destination.platform} delivery in this process posts the ambassador digest`, { context: { platform: destination.platform } });
      await employee.postNotice(destination, { text, idempotencyKey, isRetry: true });
    },
  };
}

/** Creates the ambassadors capability and registers its digest timer. */
export function wireAmbassadors(config: AmbassadorsWiringConfig): AmbassadorsService {
  const ambassadors = createAmbassadors({
    jobs: config.jobs,
    network: config.network,
    credits: config.credits,
    recognition: config.recognition,
    identity: config.identity,
    outcomes: createSqlAskerOutcomes(config.database),
    thanks: createSqlThanksGiven(config.database),
    ratings: config.satisfaction,
    delivery: digestDelivery(config.deliveries),
    logger: config.logger,
  });
  ambassadors.listen();
  return ambassadors;
}
