import { afterAll, beforeAll, beforeEach } from 'vitest';
import { defineCommunity, DEFAULT_KNOWLEDGE, type KnowledgeConfig, type NetworkConfig } from '../../../core/domain/network.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import { createKnowledgeBase, type CapturedDraft, type KnowledgeBaseConfig, type KnowledgeService } from '../../../core/knowledge/index.ts';
import { DEFAULT_CHOICES, personKey, type Consents, type PersonKey, type PrivacyChoices } from '../../../core/privacy/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

/** The communities of these tests: `acme` reviews drafts (named), `auto` publishes them at once (anonymised). */
export function knowledgeNetwork(acme: Partial<KnowledgeConfig> = {}): NetworkConfig {
  return {
    communities: [
      defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], knowledge: { ...DEFAULT_KNOWLEDGE, reverifyAfterMs: 30 * 86_400_000, privacyMode: 'named', ...acme } }),
      defineCommunity({ id: 'auto', name: 'Auto', discordGuildId: 'g2', routes: [], knowledge: { ...DEFAULT_KNOWLEDGE, autoPublish: true } }),
    ],
    internalMarkers: ['//'],
  };
}

/** People's privacy choices as the privacy capability would answer them (its own tests cover its table). */
export function choices(): Consents & { set(person: PersonKey, choice: Partial<PrivacyChoices>): void } {
  const chosen = new Map<string, PrivacyChoices>();
  return {
    set: (person, choice) => void chosen.set(personKey(person), { ...(chosen.get(personKey(person)) ?? DEFAULT_CHOICES), ...choice }),
    choicesOf: async (people) => new Map(people.map((person) => [personKey(person), chosen.get(personKey(person)) ?? DEFAULT_CHOICES])),
  };
}

/** A knowledge base on a real database with test jobs and a clock the test moves. */
export interface KnowledgeFixture {
  jobs: TestJobs;
  kb: KnowledgeService;
  clock: { now: Date };
  consents: ReturnType<typeof choices>;
}

/** Builds the knowledge base under test. */
export function knowledgeFixture(db: TestDatabase, options: Partial<Omit<KnowledgeBaseConfig, 'network'>> & { network?: NetworkConfig } = {}): KnowledgeFixture {
  const jobs = createTestJobs(db);
  const clock = { now: new Date('2026-12-03T09:00:00.000Z') };
  const consents = choices();
  const { network = knowledgeNetwork(), ...rest } = options;
  const kb = createKnowledgeBase({ database: db, jobs, network: () => network, consents, clock: () => clock.now, ...rest });
  return { jobs, kb, clock, consents };
}

/** People of these tests. */
export const ANN: Actor & { kind: 'person' } = { kind: 'person', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' };
export const ERIN: Actor & { kind: 'person' } = { kind: 'person', platform: 'slack', userId: 'erin', displayName: 'Erin Employee' };
export const MOD: Actor & { kind: 'person' } = { kind: 'person', platform: 'slack', userId: 'mod', displayName: 'Mo Derator' };

let conversations = 0;

/** A captured draft of a fresh conversation: Ann asks, Erin answers (with a message of context between). */
export function draftOf(overrides: Partial<CapturedDraft> = {}): CapturedDraft {
  conversations += 1;
  const n = conversations;
  return {
    communityId: 'acme',
    conversationId: `conv-${n}-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Export fails with error 42',
    parts: [
      { role: 'question', messageId: `m${n}-q`, author: { platform: 'discord', userId: 'ann', displayName: 'Ann Asker' }, text: 'Export fails with error 42 when the report has images.' },
      { role: 'context', messageId: `m${n}-c`, author: { platform: 'discord', userId: 'ann', displayName: 'Ann Asker' }, text: 'I am on version 3.2 on Windows.' },
      { role: 'answer', messageId: `m${n}-a`, author: { platform: 'slack', userId: 'erin', displayName: 'Erin Employee' }, text: 'Turn off image compression under Settings, then export again.' },
    ],
    contributors: [
      { role: 'asker', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' },
      { role: 'answerer', platform: 'slack', userId: 'erin', displayName: 'Erin Employee' },
      { role: 'accepter', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' },
    ],
    sources: [{ platform: 'discord', url: `https://discord.test/t${n}` }, { platform: 'slack', url: `https://slack.test/c${n}` }],
    actor: ANN,
    ...overrides,
  };
}

/** Saves a draft in a transaction of its own (as capture's listener would, inside its own). */
export function capture(fixture: KnowledgeFixture, draft: CapturedDraft = draftOf()) {
  return fixture.jobs.transaction((tx) => fixture.kb.saveDraft(tx, draft));
}

/** Everything the database holds of the knowledge base, as one text (to prove words are gone). */
export async function everythingStored(db: TestDatabase): Promise<string> {
  const tables = ['Article', 'ArticlePart', 'ArticleRevision'];
  const dumps = await Promise.all(tables.map(async (table) => JSON.stringify((await db.pool.query(`SELECT * FROM "${table}"`)).rows)));
  return dumps.join('\n');
}

/** Empties the knowledge base's tables between tests. */
/**
 * One database per test file and an empty knowledge base with a fresh fixture before each test:
 * `use` receives both (the file keeps them in its own variables).
 */
export function withKnowledgeFixture(use: (db: TestDatabase, fixture: KnowledgeFixture) => void): void {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    if (db === undefined) throw new Error('the test database did not open');
    await emptyKnowledge(db);
    use(db, knowledgeFixture(db));
  });
}

export async function emptyKnowledge(db: TestDatabase): Promise<void> {
  await db.pool.query(`DELETE FROM "Article"`);
}
