import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef, GratitudeExpressedEvent } from '../../../core/domain/domain-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { creditsWorld, type CreditsWorld } from './credits-world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const discord = (userId: string): AccountRef => ({ platform: 'discord', userId });

// The fairness rules, each on its own, through the gratitude listener on the real database.
describe('fairness of credits', () => {
  let db: TestDatabase;
  let world: CreditsWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = creditsWorld(db);
  }, 60_000);
  afterAll(() => db?.dispose());

  let seq = 0;
  // `giver` thanks (`to`, or nobody named) in a fresh thread where the asker and `helper` wrote an hour ago.
  const thanks = async (giver: string, helper: string, options: { to?: string[]; communityId?: string; helperAgoMs?: number; bot?: boolean; askerIsGiver?: boolean; helperName?: string } = {}): Promise<string> => {
    seq += 1;
    const id = `t${seq}`;
    const at = world.now.at;
    const askerIsGiver = options.askerIsGiver ?? true;
    world.thread(id, options.communityId ?? 'acme', [
      { id: `${id}-q`, userId: askerIsGiver ? giver : 'someone-else', isAsker: true, at: new Date(at.getTime() - 2 * HOUR) },
      ...(askerIsGiver ? [] : [{ id: `${id}-g`, userId: giver, at: new Date(at.getTime() - HOUR) }]),
      { id: `${id}-a`, userId: helper, ...(options.helperName === undefined ? {} : { name: options.helperName }), isBot: options.bot ?? false, at: new Date(at.getTime() - (options.helperAgoMs ?? HOUR)) },
      { id: `${id}-t`, userId: giver, isAsker: askerIsGiver, at },
    ]);
    const event: GratitudeExpressedEvent = {
      type: 'gratitude.expressed', conversationId: id, communityId: options.communityId ?? 'acme', giver: discord(giver),
      to: (options.to ?? []).map(discord), via: 'message', messageId: `${id}-t`, at: at.toISOString(),
    };
    await world.publish(event);
    return id;
  };
  const thanked = (userId: string) => world.ledger(`"userId" = $1::text AND "reason" = 'thanks'`, [userId]);
  const refusals = (rule: string) => world.logs.filter((line) => line.message === 'credit refused' && line['rule'] === rule).length;

  it('should credit the helper the asker thanks when the thanks names nobody', async () => {
    await thanks('ann', 'max');
    expect(await thanked('max')).toEqual([expect.objectContaining({ points: 3, giverUserId: 'ann', staff: false })]);
  });

  it('should credit nobody when someone other than the asker thanks without naming anyone', async () => {
    const before = refusals('no-receiver');
    await thanks('bob', 'max-b', { askerIsGiver: false });
    expect(await thanked('max-b')).toEqual([]);
    expect(refusals('no-receiver')).toBe(before + 1);
  });

  it('should never credit oneself when the thanks names its own author', async () => {
    await thanks('self1', 'x', { to: ['self1'] });
    expect(await thanked('self1')).toEqual([]);
  });

  it('should credit no bot when a bot is thanked, and take no thanks from a bot', async () => {
    const before = refusals('bot');
    await thanks('ann-bot', 'helper-bot', { to: ['helper-bot'], bot: true });
    expect(await thanked('helper-bot')).toEqual([]);
    expect(refusals('bot')).toBe(before + 1);
  });

  it('should not count a thanks when the thanked person has not written in the thread recently', async () => {
    const before = refusals('not-recent');
    await thanks('ann-old', 'max-old', { helperAgoMs: 8 * DAY });
    expect(await thanked('max-old')).toEqual([]);
    expect(refusals('not-recent')).toBe(before + 1);
  });

  it('should count one thanks per pair per day when the same person thanks the same helper again', async () => {
    await thanks('ann-p', 'max-p');
    await thanks('ann-p', 'max-p');
    expect(await thanked('max-p')).toHaveLength(1);
    expect(refusals('pair-per-day')).toBeGreaterThan(0);
    world.now.at = new Date(world.now.at.getTime() + DAY);
    await thanks('ann-p', 'max-p');
    expect(await thanked('max-p')).toHaveLength(2);
  });

  it('should refuse what passes the receiver\'s daily cap when several people thank one helper', async () => {
    await thanks('g1', 'capped', { communityId: 'tight' });
    await thanks('g2', 'capped', { communityId: 'tight' });
    expect(await thanked('capped')).toEqual([expect.objectContaining({ giverUserId: 'g1' })]);
    expect(world.logs).toContainEqual(expect.objectContaining({ message: 'credit refused', rule: 'receiver-cap', communityId: 'tight', credit: 'thanks' }));
  });

  it('should refuse what passes the giver\'s daily cap when one person thanks many', async () => {
    await thanks('generous', 'r1', { communityId: 'tight' });
    await thanks('generous', 'r2', { communityId: 'tight' });
    expect([...(await thanked('r1')), ...(await thanked('r2'))]).toHaveLength(1);
    expect(world.logs).toContainEqual(expect.objectContaining({ message: 'credit refused', rule: 'giver-cap', communityId: 'tight' }));
  });

  it('should exempt accepted answers from the daily caps when the helper is already capped', async () => {
    world.thread('tight-q', 'tight', [{ id: 'tight-q-q', userId: 'asker-t', isAsker: true, at: world.now.at }, { id: 'tight-q-a', userId: 'capped', at: world.now.at }]);
    await world.publish({ type: 'question.resolved', conversationId: 'tight-q', communityId: 'tight', solution: { messageId: 'tight-q-a', platform: 'discord', authorId: 'capped' }, acceptedBy: { kind: 'person', platform: 'discord', userId: 'asker-t' }, at: world.now.at.toISOString() });
    expect(await world.ledger(`"userId" = 'capped' AND "reason" = 'answer.accepted'`)).toEqual([expect.objectContaining({ points: 10 })]);
  });

  // On PostgreSQL the listeners run in concurrent transactions (one connection each). Each locks the
  // account it credits, but a person with two linked accounts (under one name, so nothing rewrites
  // the person's row) is credited through both at once: without the people lock each would read the
  // day's sum before the other appended, and both would pass.
  it('should keep the receiver\'s daily cap when people thank both linked accounts of one helper at the same instant', async () => {
    const code = await world.identity.createLinkCode({ ...discord('twin-a'), displayName: 'Twin' });
    await world.identity.redeemLinkCode(code.code, { ...discord('twin-b'), displayName: 'Twin' }, { kind: 'person', platform: 'discord', userId: 'twin-b' });
    for (const giver of ['c1', 'c2', 'c3', 'c4']) await world.jobs.transaction((tx) => world.identity.ensure(tx, { ...discord(giver), displayName: giver }, 'tight'));
    await Promise.all([['c1', 'twin-a'], ['c2', 'twin-b'], ['c3', 'twin-a'], ['c4', 'twin-b']].map(([giver, helper]) => thanks(giver ?? '', helper ?? '', { communityId: 'tight', helperName: 'Twin' })));
    const rows = [...(await thanked('twin-a')), ...(await thanked('twin-b'))];
    expect(rows).toHaveLength(1);
    expect(refusals('receiver-cap')).toBeGreaterThanOrEqual(3);
  });

  it('should flag two people mostly thanking each other, publish nothing else, and tell recognition they are flagged', async () => {
    const ring = async () => {
      await thanks('ring-a', 'ring-b', { to: ['ring-b'] });
      await thanks('ring-b', 'ring-a', { to: ['ring-a'] });
    };
    await ring();
    world.now.at = new Date(world.now.at.getTime() + DAY);
    await thanks('ring-a', 'ring-b', { to: ['ring-b'] });
    expect(await world.credits.flags('acme')).toEqual([]);
    const events = world.jobs.events.length;
    await thanks('ring-b', 'ring-a', { to: ['ring-a'] });
    expect(world.jobs.events.slice(events).map((event) => event.type)).toEqual(['gratitude.expressed', 'credit.recorded']);
    const flags = await world.credits.flags('acme');
    expect(flags).toEqual([expect.objectContaining({ status: 'open', evidence: { credits: 4, share: 1, windowDays: 30 } })]);
    expect(flags[0]!.members.map((member) => member.displayName).sort()).toEqual(['RING-A', 'RING-B']);
    const people = await world.identity.peopleOf([discord('ring-a'), discord('max')]);
    expect(await world.credits.isFlagged('acme', people.get('discord:ring-a')!.id)).toBe(true);
    expect(await world.credits.isFlagged('acme', people.get('discord:max')!.id)).toBe(false);
    // Once flagged, the same group is not flagged again.
    world.now.at = new Date(world.now.at.getTime() + DAY);
    await ring();
    expect(await world.credits.flags('acme')).toHaveLength(1);
  });

  it('should flag nobody when one helper is thanked by many different people', async () => {
    for (const giver of ['fan-1', 'fan-2', 'fan-3', 'fan-4', 'fan-5']) await thanks(giver, 'popular', { to: ['popular'] });
    expect(await world.ledger(`"userId" = 'popular'`)).toHaveLength(5);
    expect((await world.credits.flags('acme')).flatMap((flag) => flag.members.map((member) => member.displayName))).not.toContain('POPULAR');
  });
});
