import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import { createPrivacy, DEFAULT_CHOICES, type Eraser, type PersonKey } from '../../../core/privacy/index.ts';
import { createRecordingLogger } from '../../support/command-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { rejection } from '../../support/thrown.ts';

const ANN: PersonKey = { platform: 'slack', userId: 'U0ANN12345' };
const BEN: PersonKey = { platform: 'discord', userId: '700000000000000002' };

// The error a promise rejects with; fails the test when it resolves.
describe('privacy choices and forgetting', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);
  afterAll(() => db?.dispose());

  const privacyWith = (options: { erasers?: Eraser[]; onChoicesChanged?: Parameters<typeof createPrivacy>[0]['onChoicesChanged'] } = {}) =>
    createPrivacy({ database: db, jobs: createTestJobs(db), erasers: options.erasers ?? [], logger: createRecordingLogger().logger, ...(options.onChoicesChanged ? { onChoicesChanged: options.onChoicesChanged } : {}), tombstone: () => 'forgotten-test' });

  it('should give the defaults to people who never chose and keep the other choice when one is changed', async () => {
    const privacy = privacyWith();
    expect(await privacy.choices(ANN)).toEqual(DEFAULT_CHOICES);
    expect(await privacy.setChoices(ANN, { showName: true })).toEqual({ showName: true, indexable: true, showOnBoard: false });
    expect(await privacy.setChoices(ANN, { indexable: false })).toEqual({ showName: true, indexable: false, showOnBoard: false });
    const all = await privacy.consents.choicesOf([ANN, BEN]);
    expect(Object.fromEntries(all)).toEqual({ 'slack:U0ANN12345': { showName: true, indexable: false, showOnBoard: false }, 'discord:700000000000000002': DEFAULT_CHOICES });
  });

  it('should keep a person off the public board until they say so, and keep their other choices when they change it', async () => {
    const privacy = privacyWith();
    const CAT: PersonKey = { platform: 'teams', userId: '29:cat' };
    expect((await privacy.choices(CAT)).showOnBoard).toBe(false);
    await privacy.setChoices(CAT, { showName: true });
    expect(await privacy.setChoices(CAT, { showOnBoard: true })).toEqual({ showName: true, indexable: true, showOnBoard: true });
    expect(await privacy.setChoices(CAT, { indexable: false })).toEqual({ showName: true, indexable: false, showOnBoard: true });
    expect((await privacy.consents.choicesOf([CAT])).get('teams:29:cat')?.showOnBoard).toBe(true);
    expect((await privacy.setChoices(CAT, { showOnBoard: false })).showOnBoard).toBe(false);
  });

  it('should tell the knowledge base in the same transaction and keep nothing when it fails', async () => {
    const seen: PersonKey[] = [];
    await privacyWith({ onChoicesChanged: async (tx, person) => {
      seen.push(person);
      // The change is visible inside the transaction the hook shares.
      expect((await tx.query(`SELECT "showName" FROM "PrivacyChoice" WHERE "userId" = $1::text`, [person.userId])).rows).toEqual([{ showName: true }]);
    } }).setChoices(BEN, { showName: true });
    expect(seen).toEqual([BEN]);
    const failing = privacyWith({ onChoicesChanged: async () => { throw new Error('index down'); } });
    await expect(failing.setChoices(BEN, { showName: false })).rejects.toThrow('index down');
    expect(await failing.choices(BEN)).toEqual({ showName: true, indexable: true, showOnBoard: false });
  });

  it('should refuse an unknown platform or an empty id when asked to forget or choose', async () => {
    const privacy = privacyWith();
    const bad = await rejection(privacy.forget({ platform: 'irc' as never, userId: 'x' }));
    expect(bad).toBeInstanceOf(HeimoError);
    expect((bad as HeimoError).code).toBe('BAD_INPUT');
    expect((bad as Error).message).toBe('platform must be one of discord, slack, teams, got "irc"');
    await expect(privacy.setChoices({ platform: 'slack', userId: '  ' }, { showName: true })).rejects.toThrow('a user id is needed');
  });

  it('should gather every trace before erasing and pass them with one tombstone to every eraser', async () => {
    const received: unknown[] = [];
    const eraser = (name: string, names: string[]): Eraser => ({
      name,
      traces: async () => ({ names, texts: ['Their question'] }),
      erase: async (_tx, target) => (received.push({ name, target }), 1),
    });
    const report = await privacyWith({ erasers: [eraser('a', ['Ann', ' Ann ']), eraser('b', ['Ann Lee', 'Forgotten person'])] }).forget(ANN);
    expect(report).toEqual({ reference: 'forgotten-test', erased: [{ name: 'a', rows: 1 }, { name: 'b', rows: 1 }, { name: 'privacy', rows: 1 }] });
    const target = { ...ANN, tombstone: 'forgotten-test', traces: { names: ['Ann', 'Ann Lee'], texts: ['Their question'] } };
    expect(received).toEqual([{ name: 'a', target }, { name: 'b', target }]);
    expect(await privacyWith().choices(ANN)).toEqual(DEFAULT_CHOICES);
  });

  it('should erase nothing and name nobody in its error when one eraser fails', async () => {
    await privacyWith().setChoices(BEN, { indexable: false });
    const failing: Eraser = { name: 'broken', erase: async (tx) => { await tx.query(`SELECT 1/0 WHERE $1::text IS NOT NULL`, [BEN.userId]); return 0; } };
    const quoting: Eraser = { name: 'quoting', erase: async () => { throw new Error(`duplicate key (platform, userId)=(discord, ${BEN.userId})`); } };
    // Runs before the failing eraser, in the same transaction.
    const writer: Eraser = { name: 'writer', erase: async (tx, person) => (await tx.query(`DELETE FROM "PrivacyChoice" WHERE "userId" = $1::text`, [person.userId])).rowCount ?? 0 };
    const { logger, lines } = createRecordingLogger();
    for (const eraser of [failing, quoting]) {
      const privacy = createPrivacy({ database: db, jobs: createTestJobs(db), erasers: [writer, eraser], logger });
      const error = await rejection(privacy.forget(BEN));
      expect((error as Error).message).toMatch(new RegExp(`^forgetting failed in the ${eraser.name} eraser.*; nothing was erased$`));
      expect((error as Error).message).not.toContain(BEN.userId);
      // The rollback undid what the first eraser did.
      expect(await privacy.choices(BEN)).toEqual({ showName: true, indexable: false, showOnBoard: false });
    }
    expect(lines).toEqual([]);
  });
});
