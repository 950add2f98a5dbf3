import type { NetworkConfig } from '../domain/network.ts';
import type { CreditsService } from '../credits/index.ts';
import type { Database } from '../infra/db/create-database.ts';
import type { IdentityService } from '../identity/index.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { armDemotion, DEMOTE_TIMER, fireDemotion } from './demotion-timer.ts';
import { onIdentityChanged } from './merge-holdings.ts';
import type { RecognitionDelivery, RecognitionService } from './port.ts';
import { tieredCommunity, type RecognitionContext } from './recognition-context.ts';
import { createTierStore } from './sql-tier-store.ts';
import { applyTier, applyTiers } from './tier-moves.ts';
import { onTierChanged, reconcileRoles } from './tier-roles.ts';

/** What recognition needs: its tables, the job system, the network, credits' standings and identity's people. */
export interface RecognitionConfig {
  database: Pick<Database, 'pool' | 'kind'>;
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'setTimer' | 'on' | 'onTimer'>;
  network: () => NetworkConfig;
  credits: Pick<CreditsService, 'pointsSince' | 'totalsSince' | 'isFlagged'>;
  identity: Pick<IdentityService, 'person' | 'peopleOf'>;
  /** Discord's roles and posts; undefined in a process without the Discord bot (nothing is sent then). */
  delivery: () => RecognitionDelivery | undefined;
  logger: Logger;
  now?: () => Date;
}

/** The listener names recognition registers (one job per event and name). */
export const RECOGNITION_LISTENERS = { credit: 'recognition.promote', tier: 'recognition.discord', identity: 'recognition.merge' } as const;

/** Creates recognition (issue 11 item 4): ambassador tiers, their Discord roles and announcements. */
export function createRecognition(config: RecognitionConfig): RecognitionService {
  const { jobs, network, logger } = config;
  const now = config.now ?? (() => new Date());
  const store = createTierStore(config.database);
  const ctx: RecognitionContext = {
    jobs, store, network, logger, now, credits: config.credits, identity: config.identity, delivery: config.delivery,
    community: (communityId) => tieredCommunity(network, communityId),
  };
  const tiered = () => network().communities.filter((community) => ctx.community(community.id) !== undefined);

  return {
    listen() {
      // Promotion at once; a lower total never demotes here (only the schedule and moderators do).
      jobs.on('credit.recorded', RECOGNITION_LISTENERS.credit, async (event, tx) => {
        const community = ctx.community(event.communityId);
        if (community === undefined) return;
        const person = (await config.identity.peopleOf([event.account], tx)).get(`${event.account.platform}:${event.account.userId}`);
        // Staff are kept on their own board: their credits never promote them.
        if (person === undefined || person.staff) return;
        // A promotion makes sure the community's schedule runs (setting it again keeps the same due time).
        if ((await applyTier(ctx, tx, community, person.id, 'promote')) === 'promoted') await armDemotion(ctx, tx, community.id, now());
      });
      jobs.on('tier.changed', RECOGNITION_LISTENERS.tier, (event, tx) => onTierChanged(ctx, event, tx));
      jobs.on('identity.changed', RECOGNITION_LISTENERS.identity, (event, tx) => onIdentityChanged(ctx, event, tx));
      jobs.onTimer(DEMOTE_TIMER, (timer, tx) => fireDemotion(ctx, timer, tx));
    },
    async reconcile() {
      const counts = { granted: 0, removed: 0 };
      for (const community of tiered()) {
        await jobs.transaction((tx) => armDemotion(ctx, tx, community.id, now()));
        const done = await reconcileRoles(ctx, community.id);
        counts.granted += done.granted;
        counts.removed += done.removed;
      }
      logger.info('recognition: tier roles reconciled', counts);
      return counts;
    },
    async holdings(communityId, tx) {
      const list = await store.holdings(communityId, tx);
      return new Map(list.map(({ communityId: id, personId, tierId, since }) => [personId, { communityId: id, personId, tierId, since }]));
    },
    async recompute(communityId, actor) {
      const community = ctx.community(communityId);
      if (community === undefined) return { promoted: 0, demoted: 0 };
      const counts = await jobs.transaction((tx) => applyTiers(ctx, tx, community, 'both', true));
      logger.info('recognition: tiers recomputed by hand', { communityId, actor, ...counts });
      return counts;
    },
    changesSince: (communityId, since, tx) => store.changesSince(communityId, since, tx),
  };
}
