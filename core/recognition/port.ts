import type { AccountRef, Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';

// Recognition's contract: ambassador tiers from credits over the rolling window. Promotion at
// once (on `credit.recorded`), demotion only on the community's schedule; each tier's Discord role
// granted and taken back (and reconciled at start); promotions announced and told to the person.

/** A person's tier in a community. */
export interface TierHoldingView {
  communityId: string;
  personId: string;
  tierId: string;
  since: Date;
}

/** One promotion or demotion. */
export interface TierChangeView {
  id: string;
  communityId: string;
  personId: string;
  from: string | null;
  to: string | null;
  direction: 'promoted' | 'demoted';
  points: number;
  at: Date;
}

/** What recognition does to Discord: grant and take back roles, announce, tell the person. */
export interface RecognitionDelivery {
  setMemberRole(guildId: string, userId: string, roleId: string, held: boolean): Promise<void>;
  /** The member's role ids now; null when they left the server. */
  memberRoles(guildId: string, userId: string): Promise<string[] | null>;
  /** Posts in a channel; `idempotencyKey` keeps a retried post from appearing twice. */
  postChannelMessage(channelId: string, text: string, idempotencyKey: string): Promise<void>;
  /** Tells a member privately. */
  postDirect(userId: string, text: string, idempotencyKey: string): Promise<void>;
}

/** The recognition capability. */
export interface RecognitionService {
  /** Registers listeners (credit.recorded, identity.changed, tier.changed) and the demotion timer. Before jobs start. */
  listen(): void;
  /** Sets each community's demotion timer and reconciles Discord roles with holdings (worker start). */
  reconcile(): Promise<{ granted: number; removed: number }>;
  /** The tier of each person (keyed by person id) in a community. */
  holdings(communityId: string, tx?: Tx): Promise<Map<string, TierHoldingView>>;
  /** Recomputes every person's tier now (`/heimo tier recompute`): promotions and demotions both apply. */
  recompute(communityId: string, actor: Actor): Promise<{ promoted: number; demoted: number }>;
  /** Tier changes since `since` (digest, report). */
  changesSince(communityId: string, since: Date, tx?: Tx): Promise<TierChangeView[]>;
}

/** The Discord account recognition grants a person's role to (the person's first Discord account). */
export type DiscordAccountOf = (accounts: readonly AccountRef[]) => string | undefined;
