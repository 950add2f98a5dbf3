import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { IdentityChangedEvent } from '../../../core/domain/domain-events.ts';
import { hasCode } from '../../../core/errors.ts';
import { CODE_ALPHABET, CODE_LENGTH, createIdentity, type AccountFacts, type IdentityService } from '../../../core/identity/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';
import { rejection } from '../../support/thrown.ts';

const network: NetworkConfig = { communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [] })], internalMarkers: [] };
const discord: AccountFacts = { platform: 'discord', userId: 'd1', displayName: 'Dee' };
const slack: AccountFacts = { platform: 'slack', userId: 's1', displayName: 'Sam' };
const teams: AccountFacts = { platform: 'teams', userId: 't1', displayName: 'Tia' };
const actor = { kind: 'person', platform: 'slack', userId: 's1' } as const;

describe('identity link codes on the real database', () => {
  let db: TestDatabase;
  let jobs: TestJobs;
  let identity: IdentityService;
  let clock: Date;
  const changes = (): IdentityChangedEvent[] => jobs.events.filter((event): event is IdentityChangedEvent => event.type === 'identity.changed');
  const personOf = async (facts: AccountFacts) => (await identity.peopleOf([facts])).get(`${facts.platform}:${facts.userId}`);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "LinkCode"`);
    await db.pool.query(`DELETE FROM "Identity"`);
    jobs = createTestJobs(db);
    clock = new Date('2026-12-03T10:00:00Z');
    identity = createIdentity({ database: db, jobs, network: () => network, logger: createLogger({ level: 'silent' }), now: () => clock });
  });

  it('should join two accounts into one person when the code of one is redeemed by the other', async () => {
    const { code, expiresAt } = await identity.createLinkCode(discord);
    expect(code).toHaveLength(CODE_LENGTH);
    expect([...code].every((letter) => CODE_ALPHABET.includes(letter))).toBe(true);
    expect(expiresAt.toISOString()).toBe('2026-12-03T10:15:00.000Z');
    const before = await personOf(discord);
    const person = await identity.redeemLinkCode(` ${code.toLowerCase()} `, slack, actor);
    expect(person.id).toBe(before?.id);
    expect(person.accounts.map((account) => `${account.platform}:${account.via}`).sort()).toEqual(['discord:first-seen', 'slack:code']);
    // A Slack account is an employee's: the joined person is staff on Discord too.
    expect(person.staff).toBe(true);
    expect((await personOf(slack))?.id).toBe(person.id);
    expect(await db.pool.query(`SELECT 1 FROM "Identity"`).then((result) => result.rows.length)).toBe(1);
    expect(changes()).toEqual([expect.objectContaining({ identityId: person.id, mergedId: expect.any(String), actor })]);
  });

  it('should refuse a code when it expired, was used, is unknown or is the account own', async () => {
    const first = await identity.createLinkCode(discord);
    clock = new Date(clock.getTime() + 15 * 60_000);
    expect(hasCode(await rejection(identity.redeemLinkCode(first.code, slack, actor)), 'BAD_INPUT')).toBe(true);
    const second = await identity.createLinkCode(discord);
    expect(hasCode(await rejection(identity.redeemLinkCode(second.code, discord, actor)), 'BAD_INPUT')).toBe(true);
    await identity.redeemLinkCode(second.code, slack, actor);
    expect(hasCode(await rejection(identity.redeemLinkCode(second.code, teams, actor)), 'BAD_INPUT')).toBe(true);
    expect(hasCode(await rejection(identity.redeemLinkCode('ZZZZZZZZ', teams, actor)), 'BAD_INPUT')).toBe(true);
    expect((await personOf(teams))).toBeUndefined();
  });

  it('should stop an older code working when the account asks for a new one', async () => {
    const older = await identity.createLinkCode(discord);
    await identity.createLinkCode(discord);
    expect(hasCode(await rejection(identity.redeemLinkCode(older.code, slack, actor)), 'BAD_INPUT')).toBe(true);
  });

  it('should split an account off into a person of its own when it is unlinked', async () => {
    const { code } = await identity.createLinkCode(discord);
    const joined = await identity.redeemLinkCode(code, slack, actor);
    const split = await identity.unlink(slack, actor);
    expect(split.id).not.toBe(joined.id);
    expect(split.accounts).toEqual([{ platform: 'slack', userId: 's1', via: 'first-seen' }]);
    expect(split.staff).toBe(true);
    const left = await identity.person(joined.id);
    expect(left?.accounts.map((account) => account.platform)).toEqual(['discord']);
    // The Discord member was staff only through the Slack account.
    expect(left?.staff).toBe(false);
    expect(changes().at(-1)).toEqual(expect.objectContaining({ identityId: joined.id, mergedId: null, split: { account: { platform: 'slack', userId: 's1' }, identityId: split.id } }));
    expect(hasCode(await rejection(identity.unlink(discord, actor)), 'NOT_FOUND')).toBe(true);
    expect(hasCode(await rejection(identity.unlink(teams, actor)), 'NOT_FOUND')).toBe(true);
  });
});
