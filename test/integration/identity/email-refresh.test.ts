import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../../core/domain/domain-events.ts';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import { createIdentity, listenForEmails, type IdentityService } from '../../../core/identity/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

const network: NetworkConfig = {
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], staff: { emailDomains: ['acme.test'], emails: [], accounts: [] } })],
  internalMarkers: [],
};

describe('identity e-mails from the platform directory', () => {
  let db: TestDatabase;
  let jobs: TestJobs;
  let identity: IdentityService;
  let asked: string[];
  const emails = new Map([['slack:S1', 'Ann@Acme.test'], ['teams:T1', 'ann@acme.test']]);
  const credit = (account: AccountRef) => jobs.transaction((tx) => jobs.publish(tx, { type: 'credit.recorded', communityId: 'acme', entryId: `e-${account.userId}`, account, points: 5, reason: 'thanks', at: new Date().toISOString() }));
  const personOf = async (account: AccountRef) => (await identity.peopleOf([account])).get(`${account.platform}:${account.userId}`);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "Identity"`);
    jobs = createTestJobs(db);
    asked = [];
    const logger = createLogger({ level: 'silent' });
    const directory = {
      emailOf: async (account: AccountRef) => {
        asked.push(`${account.platform}:${account.userId}`);
        return emails.get(`${account.platform}:${account.userId}`);
      },
    };
    identity = createIdentity({ database: db, jobs, network: () => network, directory, logger });
    listenForEmails({ database: db, jobs, identity, logger });
  });

  it('should join the Slack and Teams accounts of one employee when both are credited', async () => {
    await jobs.transaction((tx) => identity.ensure(tx, { platform: 'teams', userId: 'T1', displayName: 'Ann' }));
    await credit({ platform: 'teams', userId: 'T1' });
    await credit({ platform: 'slack', userId: 'S1' });
    const person = await personOf({ platform: 'slack', userId: 'S1' });
    expect(person?.id).toBe((await personOf({ platform: 'teams', userId: 'T1' }))?.id);
    expect(person?.accounts.map((account) => `${account.platform}:${account.via}`).sort()).toEqual(['slack:email', 'teams:first-seen']);
    expect(person?.staff).toBe(true);
    expect(jobs.events.filter((event) => event.type === 'identity.changed')).toHaveLength(1);
  });

  it('should not ask the directory again when the e-mail is known, nor ever for a Discord account', async () => {
    await credit({ platform: 'slack', userId: 'S1' });
    await credit({ platform: 'slack', userId: 'S1' });
    await credit({ platform: 'discord', userId: 'D1' });
    expect(asked).toEqual(['slack:S1']);
  });

  it('should leave the account as it was when the directory does not tell an e-mail', async () => {
    expect(await identity.refresh({ platform: 'slack', userId: 'S-unknown' })).toBeNull();
    expect(await personOf({ platform: 'slack', userId: 'S-unknown' })).toBeUndefined();
  });
});
