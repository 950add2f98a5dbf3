import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCreditsEraser } from '../../../core/credits/index.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import { hasCode } from '../../../core/errors.ts';
import { FORGOTTEN_NAME } from '../../../core/privacy/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { creditsWorld, type CreditsWorld } from './credits-world.ts';

const MINUTE = 60_000;
const MOD: Actor = { kind: 'person', platform: 'discord', userId: 'mod-1', displayName: 'Mona' };

// Moderators' give and revoke (reversals, never edits) and forgetting a person, on the real database.
describe('credit moderation and erasure', () => {
  let db: TestDatabase;
  let world: CreditsWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = creditsWorld(db);
  }, 60_000);
  afterAll(() => db?.dispose());

  const tick = () => void (world.now.at = new Date(world.now.at.getTime() + MINUTE));
  const total = async (userId: string) => (await world.ledger(`"userId" = $1::text`, [userId])).reduce((sum, row) => sum + row.points, 0);
  // `userId` earns an accepted answer (10), then an article (5), then a moderator's 3, a minute apart.
  let seq = 0;
  const earn = async (userId: string) => {
    const at = world.now.at;
    seq += 1;
    const id = `c${seq}`;
    world.thread(`${id}`, 'acme', [{ id: `${id}-q`, userId: `asker-${userId}`, isAsker: true, at }, { id: `${id}-a`, userId, at }]);
    await world.publish({ type: 'question.resolved', conversationId: `${id}`, communityId: 'acme', solution: { messageId: `${id}-a`, platform: 'discord', authorId: userId }, acceptedBy: { kind: 'heimo' }, at: at.toISOString() });
    tick();
    await world.publish({ type: 'article.published', articleId: `art-${id}`, communityId: 'acme', conversationId: null, contributors: [{ role: 'answerer', platform: 'discord', userId }], actor: { kind: 'heimo' }, at: at.toISOString() });
    tick();
    await world.credits.give({ communityId: 'acme', to: { platform: 'discord', userId }, points: 3, reason: 'helped at the meetup', actor: MOD });
    tick();
  };

  it('should append a moderator row with the reason and the giver when a moderator gives points', async () => {
    const entry = await world.credits.give({ communityId: 'acme', to: { platform: 'discord', userId: 'given' }, points: 7, reason: 'great talk', actor: MOD });
    expect(entry).toMatchObject({ points: 7, reason: 'moderator', note: 'great talk', giver: { platform: 'discord', userId: 'mod-1' }, staff: false });
    expect(world.jobs.events).toContainEqual(expect.objectContaining({ type: 'credit.recorded', entryId: entry.id, points: 7 }));
  });

  it('should refuse points that are not a positive whole number, and an empty reason', async () => {
    for (const points of [0, -3, 1.5]) {
      expect(hasCode(await world.credits.give({ communityId: 'acme', to: { platform: 'discord', userId: 'x' }, points, reason: 'r', actor: MOD }).catch((error: unknown) => error), 'BAD_INPUT')).toBe(true);
    }
    expect(hasCode(await world.credits.revoke({ communityId: 'acme', from: { platform: 'discord', userId: 'x' }, points: 2, reason: ' ', actor: MOD }).catch((error: unknown) => error), 'BAD_INPUT')).toBe(true);
  });

  it('should reverse the newest credits that fit and take the rest as a negative moderator row when points are revoked', async () => {
    await earn('rev');
    expect(await total('rev')).toBe(18);
    const before = await world.ledger(`"userId" = 'rev'`);
    expect(await world.credits.revoke({ communityId: 'acme', from: { platform: 'discord', userId: 'rev' }, points: 9, reason: 'ring confirmed', actor: MOD })).toEqual({ reversed: 9 });
    const after = await world.ledger(`"userId" = 'rev'`);
    // Nothing edited: the earlier rows are as they were.
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    const reversedReasons = added.filter((row) => row.reason === 'reversal').map((row) => before.find((old) => old.id === row.reversesId)?.reason).sort();
    expect(reversedReasons).toEqual(['article.published', 'moderator']);
    expect(added.filter((row) => row.reason === 'moderator')).toEqual([expect.objectContaining({ points: -1, note: 'ring confirmed', giverUserId: 'mod-1' })]);
    expect(await total('rev')).toBe(9);
  });

  it('should keep the points but not the person in ledger rows when the person is forgotten', async () => {
    await earn('er-max');
    await world.credits.give({ communityId: 'acme', to: { platform: 'discord', userId: 'other' }, points: 2, reason: 'thanks to Max Mustermann', actor: { kind: 'person', platform: 'discord', userId: 'er-max' } });
    const sum = (await world.ledger()).reduce((acc, row) => acc + row.points, 0);
    const rows = await world.jobs.transaction((tx) =>
      createCreditsEraser().erase(tx, { platform: 'discord', userId: 'er-max', tombstone: 'tomb-1', traces: { names: ['Max Mustermann'], texts: [] } }));
    expect(rows).toBeGreaterThan(0);
    const all = await world.ledger();
    expect(JSON.stringify(all)).not.toContain('er-max');
    expect(JSON.stringify(all)).not.toContain('Max Mustermann');
    expect(all.reduce((acc, row) => acc + row.points, 0)).toBe(sum);
    expect(await total('tomb-1')).toBe(18);
    expect(all.find((row) => row.userId === 'other')).toMatchObject({ points: 2, giverUserId: 'tomb-1', note: `thanks to ${FORGOTTEN_NAME}` });
  });
});
