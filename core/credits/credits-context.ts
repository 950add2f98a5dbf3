import type { AccountRef } from '../domain/domain-events.ts';
import { DEFAULT_CREDITS, type CreditsConfig, type NetworkConfig } from '../domain/network.ts';
import type { IdentityService, PersonView } from '../identity/index.ts';
import type { Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { Ledger } from './sql-ledger.ts';

/** What the earning rules, the moderation and the ring check share. */
export interface CreditsContext {
  ledger: Ledger;
  identity: Pick<IdentityService, 'ensure' | 'isStaff' | 'peopleOf'>;
  /** The community's credits settings (DEFAULT_CREDITS when it has none or is unknown). */
  settings(communityId: string): CreditsConfig;
  clock: () => Date;
  logger: Logger;
}

/** An account as an event names it, with what the thread knows of it. */
export interface Party extends AccountRef {
  displayName: string;
  isBot: boolean;
  /** Wrote on the employee side (Slack, Teams): staff whatever identity says. */
  employee?: boolean;
}

/** Each community's credits settings out of the network file. */
export function settingsOf(network: () => NetworkConfig): (communityId: string) => CreditsConfig {
  return (communityId) => network().communities.find((community) => community.id === communityId)?.credits ?? DEFAULT_CREDITS;
}

/** The person of a party, created on first sight; a name the thread does not know is taken from identity, not overwritten. */
export async function personOf(ctx: CreditsContext, tx: Tx, party: Party, communityId: string): Promise<PersonView> {
  return ctx.identity.ensure(tx, { platform: party.platform, userId: party.userId, displayName: party.displayName }, communityId);
}

/** A party for an account no thread describes: an empty name keeps the one identity knows (its id for a new account). */
export function bareParty(account: AccountRef, displayName?: string): Party {
  return { platform: account.platform, userId: account.userId, displayName: displayName ?? '', isBot: false };
}
