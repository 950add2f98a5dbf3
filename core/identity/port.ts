import type { AccountRef, Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';

// Identity's contract: one person across platforms. Every account Heimo credits has a person (an
// Identity row, created the first time the account is seen); `/heimo link` with a one-time code and
// e-mail matches join accounts into one person; unlinking splits one off again. Credits and
// recognition name people by these ids, and group the ledger's accounts through `peopleOf`.

/** One person as other capabilities see them. */
export interface PersonView {
  /** Stable public id (the `:id` of `/api/people/:id`). */
  id: string;
  displayName: string;
  staff: boolean;
  accounts: (AccountRef & { via: LinkVia })[];
}

/** How an account joined its person. */
export type LinkVia = 'first-seen' | 'code' | 'email' | 'network';

/** What a platform tells of an account when it is seen (display name, the e-mail where the platform gives it). */
export interface AccountFacts extends AccountRef {
  displayName: string;
  /** Slack `users.info` profile e-mail, Teams member e-mail (userPrincipalName); never Discord. */
  email?: string;
  /** A staff role on its platform (Discord staff role, Slack staff user group) as the command permissions see it. */
  staffRole?: boolean;
}

/** A one-time link code: run `/heimo link <code>` from the other account before `expiresAt`. */
export interface LinkCodeView {
  code: string;
  expiresAt: Date;
}

/** The identity capability. Every method that changes people publishes `identity.changed` in its transaction. */
export interface IdentityService {
  /**
   * The person of an account, created on first sight (`first-seen`); joins the person of another
   * account with the same e-mail (`email`), and marks staff by the community's staff settings.
   */
  ensure(tx: Tx, facts: AccountFacts, communityId?: string): Promise<PersonView>;
  /** The person of each account (keyed `${platform}:${userId}`); accounts never seen are absent. */
  peopleOf(accounts: readonly AccountRef[], tx?: Tx): Promise<Map<string, PersonView>>;
  /** A person by id; null when unknown (or forgotten). */
  person(id: string, tx?: Tx): Promise<PersonView | null>;
  /** Gives `account` a fresh code (older unused codes of it stop working); valid for 15 minutes. */
  createLinkCode(account: AccountFacts): Promise<LinkCodeView>;
  /**
   * Joins the account that created `code` and `account` into one person (credit and history follow:
   * the ledger names accounts). BAD_INPUT for an unknown, used or expired code, or one's own account.
   */
  redeemLinkCode(code: string, account: AccountFacts, actor: Actor): Promise<PersonView>;
  /** Splits `account` off its person into a person of its own. NOT_FOUND when it is linked to nobody. */
  unlink(account: AccountRef, actor: Actor): Promise<PersonView>;
  /** True when the account's person is staff (by e-mail, the network file, or a staff role seen). */
  isStaff(account: AccountRef, communityId: string, tx?: Tx): Promise<boolean>;
  /**
   * Looks the account's e-mail up in the platform directory (outside any transaction), then ensures
   * the account with it (joining, and marking staff, by e-mail). Null when the directory tells nothing.
   */
  refresh(account: AccountRef, displayName?: string): Promise<PersonView | null>;
}

/** What the bots tell identity about an account they see (Slack users.info, Teams member): its e-mail. */
export interface AccountDirectory {
  /** The account's e-mail on its platform; undefined when the platform does not say (or is Discord). */
  emailOf(account: AccountRef): Promise<string | undefined>;
}
