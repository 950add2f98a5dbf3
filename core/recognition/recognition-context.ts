import type { CreditsService } from '../credits/index.ts';
import type { CommunityConfig, NetworkConfig } from '../domain/network.ts';
import type { IdentityService, PersonView } from '../identity/index.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { RecognitionDelivery } from './port.ts';
import type { TierStore } from './sql-tier-store.ts';

/** What recognition's parts share. */
export interface RecognitionContext {
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'setTimer'>;
  store: TierStore;
  credits: Pick<CreditsService, 'pointsSince' | 'totalsSince' | 'isFlagged'>;
  identity: Pick<IdentityService, 'person' | 'peopleOf'>;
  delivery: () => RecognitionDelivery | undefined;
  logger: Logger;
  now: () => Date;
  /** The community with tiers switched on; undefined when unknown, credits are off or it has no tiers. */
  community: (communityId: string) => CommunityConfig | undefined;
  network: () => NetworkConfig;
}

/** The community's settings when recognition has something to do in it. */
export function tieredCommunity(network: () => NetworkConfig, communityId: string): CommunityConfig | undefined {
  const community = network().communities.find((candidate) => candidate.id === communityId);
  if (community === undefined || !community.credits.enabled || community.credits.tiers.length === 0) return undefined;
  return community;
}

/** The Discord account a person's role goes to: their first linked Discord account. */
export function discordAccountOf(person: Pick<PersonView, 'accounts'> | null): string | null {
  return person?.accounts.find((account) => account.platform === 'discord')?.userId ?? null;
}
