import type { AccountRef, Actor } from '../domain/domain-events.ts';
import type { NetworkConfig, StaffConfig } from '../domain/network.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { createLinkCodes } from './link-codes.ts';
import type { AccountDirectory, AccountFacts, IdentityService, PersonView } from './port.ts';
import { createIdentityQueries, toView, type IdentityDatabase, type IdentityQueries, type StoredPerson } from './sql-identity-store.ts';
import { isStaffAccount, normalEmail } from './staff-rules.ts';

/** What identity needs: its tables, the job system (transactions, identity.changed), the staff settings. */
export interface IdentityConfig {
  database: IdentityDatabase;
  jobs: Pick<Jobs, 'transaction' | 'publish'>;
  network: () => NetworkConfig;
  /** Where employee accounts' e-mails are looked up (Slack users.info, Teams members); absent: nowhere. */
  directory?: AccountDirectory;
  logger: Logger;
  now?: () => Date;
}

/** What identity shares with its link-code half. */
export interface IdentityContext {
  queries: IdentityQueries;
  jobs: Pick<Jobs, 'transaction' | 'publish'>;
  now: () => Date;
  ensure: IdentityService['ensure'];
  /** Joins person `from` into `into` (`joined` gets `via`), keeping staff sticky; publishes identity.changed. */
  merge(tx: Tx, from: string, into: string, joined: AccountRef, via: 'code' | 'email', actor: Actor): Promise<void>;
  /** Recomputes a person's staff mark from their accounts alone (after an unlink). */
  restaff(tx: Tx, id: string): Promise<void>;
}

const key = (account: AccountRef): string => `${account.platform}:${account.userId}`;

/** Creates the identity capability (issue 11, item 1) over its tables. */
export function createIdentity(config: IdentityConfig): IdentityService {
  const { jobs } = config;
  const now = config.now ?? (() => new Date());
  const queries = createIdentityQueries(config.database);
  // Without a community, every community's settings count (staff is one mark per person).
  const settings = (communityId?: string): StaffConfig[] =>
    config.network().communities.filter((community) => communityId === undefined || community.id === communityId).map((community) => community.staff);
  const staffBy = (person: StoredPerson, list: readonly StaffConfig[], seen?: AccountFacts): boolean =>
    person.accounts.some((account) => isStaffAccount({ ...account, staffRole: seen !== undefined && key(seen) === key(account) && seen.staffRole === true }, list));

  const load = async (tx: Tx, id: string): Promise<StoredPerson> => {
    const person = await queries.person(id, tx);
    if (person === null) throw new Error(`identity ${id} vanished inside its transaction`);
    return person;
  };

  const merge: IdentityContext['merge'] = async (tx, from, into, joined, via, actor) => {
    await queries.lockPeople(tx, [from, into]);
    const staff = (await load(tx, from)).staff || (await load(tx, into)).staff;
    await queries.merge(tx, from, into, joined, via, now());
    if (staff) await queries.updatePerson(tx, into, { staff }, now());
    await jobs.publish(tx, { type: 'identity.changed', identityId: into, mergedId: from, actor, at: now().toISOString() });
  };

  const restaff: IdentityContext['restaff'] = async (tx, id) => {
    await queries.updatePerson(tx, id, { staff: staffBy(await load(tx, id), settings()) }, now());
  };

  const ensure: IdentityService['ensure'] = async (tx, facts, communityId) => {
    const email = normalEmail(facts.email);
    const account = (await queries.lockAccount(tx, facts)) ?? (await queries.createAccount(tx, { ...facts, displayName: facts.displayName.trim() || facts.userId, via: 'first-seen', email: email ?? null }, now()));
    let identityId = account.identityId;
    if (email !== undefined && account.email !== email) await queries.setEmail(tx, facts, email);
    const sharing = email === undefined ? null : await queries.personByEmail(tx, email, identityId);
    if (sharing !== null) {
      await merge(tx, identityId, sharing, facts, 'email', { kind: 'heimo' });
      identityId = sharing;
    }
    const person = await load(tx, identityId);
    // Sticky: a mark once earned stays until an unlink recomputes it.
    const staff = person.staff || staffBy(person, settings(communityId), facts);
    const displayName = facts.displayName.trim() === '' ? person.displayName : facts.displayName;
    if (staff !== person.staff || displayName !== person.displayName) await queries.updatePerson(tx, identityId, { staff, displayName }, now());
    return toView({ ...person, staff, displayName });
  };

  const peopleOf: IdentityService['peopleOf'] = async (accounts, tx) => {
    const found = await queries.accounts(accounts, tx);
    const people = new Map((await queries.people(found.map((account) => account.identityId), tx)).map((person) => [person.id, toView(person)]));
    const result = new Map<string, PersonView>();
    for (const account of found) {
      const person = people.get(account.identityId);
      if (person) result.set(key(account), person);
    }
    return result;
  };

  const links = createLinkCodes({ queries, jobs, now, ensure, merge, restaff });

  return {
    ensure,
    peopleOf,
    async person(id, tx) {
      const person = await queries.person(id, tx);
      return person === null ? null : toView(person);
    },
    async isStaff(account, communityId, tx) {
      const [stored] = await queries.accounts([account], tx);
      const person = stored === undefined ? null : await queries.person(stored.identityId, tx);
      if (person === null) return isStaffAccount(account, settings(communityId));
      return person.staff || staffBy(person, settings(communityId));
    },
    ...links,
    async refresh(account, displayName) {
      const email = normalEmail(await config.directory?.emailOf(account).catch((error: unknown) => {
        config.logger.warn('identity: e-mail look-up failed', { err: error, platform: account.platform });
        return undefined;
      }));
      if (email === undefined) return null;
      return jobs.transaction((tx) => ensure(tx, { ...account, displayName: displayName ?? '', email }));
    },
  };
}
