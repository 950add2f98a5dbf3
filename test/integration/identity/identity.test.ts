import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineCommunity, type NetworkConfig, type StaffConfig } from '../../../core/domain/network.ts';
import type { IdentityChangedEvent } from '../../../core/domain/domain-events.ts';
import { createIdentity, createIdentityEraser, type AccountFacts, type IdentityService } from '../../../core/identity/index.ts';
import { FORGOTTEN_NAME } from '../../../core/privacy/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestDatabase, openSameDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { rejection } from '../../support/thrown.ts';

const staff: StaffConfig = { emailDomains: ['acme.test'], emails: ['boss@gmail.test'], accounts: [{ platform: 'discord', userId: 'd-named' }] };
const network: NetworkConfig = {
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], staff })],
  internalMarkers: [],
};
const discord = (userId: string, more: Partial<AccountFacts> = {}): AccountFacts => ({ platform: 'discord', userId, displayName: userId.toUpperCase(), ...more });
const slack = (userId: string, more: Partial<AccountFacts> = {}): AccountFacts => ({ platform: 'slack', userId, displayName: userId.toUpperCase(), ...more });

describe('identity on the real database', () => {
  let db: TestDatabase;
  let second: Database;
  let jobs: TestJobs;
  let identity: IdentityService;
  let clock: Date;
  const changes = (): IdentityChangedEvent[] => jobs.events.filter((event): event is IdentityChangedEvent => event.type === 'identity.changed');
  const ensure = (facts: AccountFacts, communityId = 'acme') => jobs.transaction((tx) => identity.ensure(tx, facts, communityId));
  const count = async (table: string): Promise<number> => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase();
    second = db.url === null ? db : await openSameDatabase(db);
  });
  afterAll(async () => {
    if (second !== db) await second?.close();
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "LinkCode"`);
    await db.pool.query(`DELETE FROM "Identity"`);
    jobs = createTestJobs(db);
    clock = new Date('2026-12-03T10:00:00Z');
    identity = createIdentity({ database: db, jobs, network: () => network, logger: createLogger({ level: 'silent' }), now: () => clock });
  });

  it('should create one person when an account is ensured twice, keeping the name fresh', async () => {
    const first = await ensure(discord('d1'));
    const again = await ensure(discord('d1', { displayName: 'Renamed' }));
    expect(again.id).toBe(first.id);
    expect(again.displayName).toBe('Renamed');
    expect(first.accounts).toEqual([{ platform: 'discord', userId: 'd1', via: 'first-seen' }]);
    expect(await count('Identity')).toBe(1);
    expect((await identity.person(first.id))?.displayName).toBe('Renamed');
  });

  it('should create one person when two transactions ensure the same new account at once', async () => {
    const jobsTwo = createTestJobs(second);
    const other = createIdentity({ database: second, jobs: jobsTwo, network: () => network, logger: createLogger({ level: 'silent' }) });
    const [a, b] = await Promise.all([ensure(discord('d2')), jobsTwo.transaction((tx) => other.ensure(tx, discord('d2')))]);
    expect(a.id).toBe(b.id);
    expect(await count('Identity')).toBe(1);
    expect(await count('IdentityAccount')).toBe(1);
  });

  it('should join an account into the person of another account when their e-mails match', async () => {
    const teams = await ensure({ platform: 'teams', userId: 't1', displayName: 'Tea', email: 'Ann@Example.test' });
    const joined = await ensure(slack('s1', { email: 'ann@example.TEST' }));
    expect(joined.id).toBe(teams.id);
    expect(joined.accounts.map((account) => `${account.platform}:${account.via}`).sort()).toEqual(['slack:email', 'teams:first-seen']);
    expect(await count('Identity')).toBe(1);
    const stored = await db.pool.query<{ email: string }>(`SELECT "email" FROM "IdentityAccount" ORDER BY "platform"`);
    expect(stored.rows.map((row) => row.email)).toEqual(['ann@example.test', 'ann@example.test']);
    expect(changes()).toEqual([expect.objectContaining({ identityId: teams.id, mergedId: expect.any(String), actor: { kind: 'heimo' } })]);
  });

  it('should mark staff for each reason and never a plain Discord member', async () => {
    expect((await ensure(discord('plain', { email: 'me@gmail.test' }))).staff).toBe(false);
    expect((await ensure(discord('by-domain', { email: 'x@sub.acme.test' }))).staff).toBe(true);
    expect((await ensure(discord('by-email', { email: 'BOSS@gmail.test' }))).staff).toBe(true);
    expect((await ensure(discord('d-named'))).staff).toBe(true);
    expect((await ensure(discord('by-role', { staffRole: true }))).staff).toBe(true);
    expect((await ensure(slack('employee'))).staff).toBe(true);
    expect((await ensure({ platform: 'teams', userId: 'employee', displayName: 'T' })).staff).toBe(true);
    expect(await identity.isStaff({ platform: 'discord', userId: 'plain' }, 'acme')).toBe(false);
    expect(await identity.isStaff({ platform: 'discord', userId: 'by-role' }, 'acme')).toBe(true);
    expect(await identity.isStaff({ platform: 'discord', userId: 'never-seen' }, 'acme')).toBe(false);
    expect(await identity.isStaff({ platform: 'discord', userId: 'd-named' }, 'acme')).toBe(true);
  });

  it('should keep staff once a staff role was seen when a later ensure has none', async () => {
    await ensure(discord('mod', { staffRole: true }));
    expect((await ensure(discord('mod'))).staff).toBe(true);
  });

  it('should group accounts into people when peopleOf is asked, leaving unseen accounts out', async () => {
    const person = await ensure(slack('s5'));
    const people = await identity.peopleOf([{ platform: 'slack', userId: 's5' }, { platform: 'discord', userId: 'nobody' }]);
    expect([...people.keys()]).toEqual(['slack:s5']);
    expect(people.get('slack:s5')?.id).toBe(person.id);
  });

  it('should keep the account in its person under the tombstone, without e-mail, name or codes, when the person is forgotten', async () => {
    const person = await ensure({ platform: 'teams', userId: 'gone', displayName: 'Kaisa Virtanen', email: 'kaisa@acme.test' });
    await identity.createLinkCode({ platform: 'teams', userId: 'gone', displayName: 'Kaisa Virtanen' });
    const eraser = createIdentityEraser();
    const rows = await jobs.transaction(async (tx) => {
      expect(await eraser.traces?.(tx, { platform: 'teams', userId: 'gone' })).toEqual({ names: ['Kaisa Virtanen'] });
      return eraser.erase(tx, { platform: 'teams', userId: 'gone', tombstone: 'tomb-1', traces: { names: [], texts: [] } });
    });
    expect(rows).toBe(3);
    expect(await identity.person(person.id)).toMatchObject({ displayName: FORGOTTEN_NAME, accounts: [{ platform: 'teams', userId: 'tomb-1' }] });
    expect(await count('LinkCode')).toBe(0);
    expect((await db.pool.query(`SELECT "email" FROM "IdentityAccount"`)).rows).toEqual([{ email: null }]);
  });
});
