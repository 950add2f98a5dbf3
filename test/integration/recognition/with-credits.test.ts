import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredits, createStandings } from '../../../core/credits/index.ts';
import { createIdentity } from '../../../core/identity/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createRecognition } from '../../../core/recognition/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { recognitionNetwork, recordingDelivery, ROLES } from './recognition-fixture.ts';

// Recognition with the real identity, credits and standings: a moderator's points promote at
// once, a revoke does not demote, and a moderator's recompute does.

const BOB = { platform: 'discord', userId: 'u-bob' } as const;
const MOD = { kind: 'person', platform: 'discord', userId: 'u-mod' } as const;

describe('recognition with the real credits and identity', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should promote on a moderator’s give, keep the tier on a revoke and demote on recompute', async () => {
    const jobs = createTestJobs(db);
    const logger = createLogger({ level: 'silent' });
    const network = () => recognitionNetwork();
    const identity = createIdentity({ database: db, jobs, network, logger });
    const standings = createStandings({ database: db, identity, credits: (id) => network().communities.find((c) => c.id === id)?.credits });
    const credits = createCredits({ database: db, jobs, network, identity, standings, transcripts: { transcript: async () => null }, routes: { find: async () => null }, logger });
    const discord = recordingDelivery();
    discord.member(BOB.userId, []);
    const recognition = createRecognition({ database: db, jobs, network, credits, identity, delivery: () => discord.delivery, logger });
    recognition.listen();

    await credits.give({ communityId: 'acme', to: BOB, points: 12, reason: 'great answers', actor: MOD });
    const person = (await identity.peopleOf([BOB])).get('discord:u-bob');
    expect((await recognition.holdings('acme')).get(person!.id)?.tierId).toBe('helper');
    expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.helper]));
    expect([...jobs.timers.keys()].filter((key) => key.startsWith('recognition.demote:acme:'))).toHaveLength(1);

    await credits.revoke({ communityId: 'acme', from: BOB, points: 12, reason: 'mistake', actor: MOD });
    expect((await recognition.holdings('acme')).get(person!.id)?.tierId).toBe('helper');

    expect(await recognition.recompute('acme', MOD)).toEqual({ promoted: 0, demoted: 1 });
    expect((await recognition.holdings('acme')).size).toBe(0);
    expect(discord.roles.get(BOB.userId)).toEqual(new Set());
  });
});
