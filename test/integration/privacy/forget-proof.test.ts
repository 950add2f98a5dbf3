import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommands } from '../../../bots/app/commands/create-commands.ts';
import { createErasers } from '../../../bots/app/erasers.ts';
import type { CommandRequest } from '../../../core/ports/commands.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { createPrivacy, FORGOTTEN_NAME, REMOVED_TEXT, type Privacy } from '../../../core/privacy/index.ts';
import { eventually } from '../../support/eventually.ts';
import { findEverywhere } from '../../support/find-everywhere.ts';
import { NETWORK, startWiringWorld, type WiringWorld } from '../wiring/wiring-world.ts';
import type { CapturedDraft } from '../../../core/knowledge/index.ts';

// The proof: a customer's content everywhere Heimo keeps it (questions, replies, a
// reaction, commands, resolutions, articles and their history, events, timers, deliveries), made
// through the real relay, job system, delivery worker and command port; then `privacy forget`;
// then every column of every table is searched for their id, name and words. Others' content stays.

const KAISA = '811223344556677889';
const OLLI = '900000000000000001';
const AINO = 'U-aino';
const KAISA_WORDS = ['Quokkaberry', 'Pangolinade', 'Narwhalex', 'Zebrafish'];

// Every log line with its fields, as text: what an operator's log would hold.
function recordingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>): void => void lines.push(JSON.stringify({ level, message, ...fields }));
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

describe('forgetting a person', () => {
  let world: WiringWorld;
  let privacy: Privacy;
  let run: (request: Omit<CommandRequest, 'platform' | 'guildId'>) => Promise<{ visibility: string; text: string }>;
  const logLines: string[] = [];
  const rows = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => (await world.db.pool.query<R>(sql, params)).rows;
  const kaisa = { userId: KAISA, displayName: 'Kaisa Virtanen', locale: 'en-US' };

  beforeAll(async () => {
    world = await startWiringWorld();
    const { knowledge } = world.capabilities;
    privacy = createPrivacy({
      database: world.db, jobs: world.capabilities.jobs, erasers: createErasers(knowledge), onChoicesChanged: (tx, person) => knowledge.consentChanged(tx, person), logger: recordingLogger(logLines),
    });
    const port = createCommands(world.db, { ...world.capabilities, privacy, network: () => NETWORK, schedule: async () => undefined }, recordingLogger(logLines), { identity: world.capabilities.identity, satisfaction: world.capabilities.satisfaction });
    run = (request) => port.run({ ...request, platform: 'discord', guildId: 'g1' });
  }, 120_000);
  afterAll(() => world?.stop(), 60_000);

  const accepted = async (event: Parameters<WiringWorld['ingest']>[0]): Promise<{ conversationId: string; messageId: string }> => {
    const outcome = await world.ingest(event);
    if (outcome.status !== 'accepted' || outcome.messageId === undefined) throw new Error(`not accepted: ${JSON.stringify(outcome)}`);
    return { conversationId: outcome.conversationId, messageId: outcome.messageId };
  };
  // Nothing left in flight: every delivery sent and every event handed to its listeners.
  const quiet = () => eventually(async () => {
    const [left] = await rows<{ n: number }>(`SELECT (SELECT count(*) FROM "OutboxEntry" WHERE "status" = 'pending') + (SELECT count(*) FROM "DomainEvent" WHERE "dispatchedAt" IS NULL) AS "n"`);
    return Number(left?.n) === 0;
  }, 'deliveries and events to settle', 30_000);

  it('should leave no id, name or words of the person in any column of any table, and others\' content intact, when they forget themselves', async () => {
    // Kaisa asks a billing question (a gold customer: the window, round robin and SLA clocks run).
    const kaisaAvatar = `https://cdn.discordapp.com/avatars/${KAISA}/a1b2c3.png`;
    const q1 = await accepted({
      type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'thread-k1', messageId: 'thread-k1',
      author: { platformUserId: KAISA, displayName: 'Kaisa Virtanen', avatarUrl: kaisaAvatar, isBot: false },
      title: 'Zebrafish invoice mismatch', text: 'My Zebrafish invoice lists the Quokkaberry plan twice.', url: 'https://discord.test/thread-k1', tags: [], authorRoleIds: ['gold-role'],
    });
    await eventually(async () => (await world.capabilities.owners.owner(q1.conversationId))?.userId === AINO, 'round robin to give it to Aino', 30_000);
    // Nobody can answer in the card's thread before the card is posted and its thread recorded.
    await eventually(async () => (await rows(`SELECT 1 FROM "ThreadLink" WHERE "platform" = 'slack' AND "threadId" = $1::text`, [`card-${q1.conversationId}`])).length > 0 || undefined, "the card's thread recorded", 30_000);
    const aino = await accepted({
      type: 'message.posted', platform: 'slack', channelId: 'C-support', threadId: `card-${q1.conversationId}`, messageId: 'm-3001',
      author: { platformUserId: AINO, displayName: 'Aino', isBot: false }, text: '@Kaisa Virtanen the duplicate line is fixed on the billing page.',
    });
    const [copy] = await eventually(async () => {
      const found = await rows<{ externalId: string }>(`SELECT "externalId" FROM "MessageCopy" WHERE "messageId" = $1::text AND "platform" = 'discord'`, [aino.messageId]);
      return found.length > 0 ? found : undefined;
    }, "Aino's answer in the Discord thread");
    expect((await world.ingest({ type: 'reaction.added', platform: 'discord', channelId: 'thread-k1', threadId: 'thread-k1', messageId: copy!.externalId, userId: KAISA, emoji: '👍' })).status).toBe('accepted');
    await accepted({
      type: 'message.posted', platform: 'discord', channelId: 'thread-k1', threadId: 'thread-k1', messageId: 'm-2002',
      author: { platformUserId: KAISA, displayName: 'Kaisa Virtanen', avatarUrl: kaisaAvatar, isBot: false }, text: 'Thanks, the Pangolinade workaround helped too.',
    });
    expect((await run({ actor: kaisa, command: 'resolve', args: {}, question: { platform: 'discord', channelId: 'thread-k1', threadId: 'thread-k1' } })).visibility).toBe('public');
    // She rates the help she got: the survey row names her account.
    expect(await run({ actor: kaisa, command: 'rate', args: { score: '5' }, question: { platform: 'discord', channelId: 'thread-k1', threadId: 'thread-k1' } })).toEqual({ visibility: 'private', text: 'Thanks, you rated this 5/5.' });
    expect((await run({ actor: kaisa, command: 'privacy', args: { action: 'name', on: true } })).visibility).toBe('private');

    // Olli asks; Kaisa answers as a community member; Olli marks her answer as the solution.
    const q2 = await accepted({
      type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'thread-o1', messageId: 'thread-o1',
      author: { platformUserId: OLLI, displayName: 'Olli', isBot: false }, title: 'Printer makes a noise', text: 'The Wombatron printer rattles when it starts.', url: 'https://discord.test/thread-o1', tags: [],
    });
    const answer = await accepted({
      type: 'message.posted', platform: 'discord', channelId: 'thread-o1', threadId: 'thread-o1', messageId: 'm-2003',
      author: { platformUserId: KAISA, displayName: 'Kaisa Virtanen', avatarUrl: kaisaAvatar, isBot: false }, text: 'Hold the Narwhalex button for ten seconds, then restart it.',
    });
    const marked = await run({
      actor: { userId: OLLI, displayName: 'Olli' }, command: 'mark-solution', args: {}, question: { platform: 'discord', channelId: 'thread-o1', threadId: 'thread-o1' },
      targetMessage: { platform: 'discord', channelId: 'thread-o1', messageId: 'm-2003', authorId: KAISA },
    });
    expect(marked.visibility).toBe('public');

    // Both questions became published articles, each with its history; a timer names her.
    const ainoActor = { kind: 'person' as const, platform: 'slack' as const, userId: AINO, displayName: 'Aino' };
    const kaisaAuthor = { platform: 'discord' as const, userId: KAISA, displayName: 'Kaisa Virtanen' };
    const ainoAuthor = { platform: 'slack' as const, userId: AINO, displayName: 'Aino' };
    const olliAuthor = { platform: 'discord' as const, userId: OLLI, displayName: 'Olli' };
    // What capture makes of a resolved question, published by Aino.
    const published = async (draft: Omit<CapturedDraft, 'communityId' | 'actor'>): Promise<string> => {
      const { knowledge, jobs } = world.capabilities;
      const { article } = await jobs.transaction((tx) => knowledge.saveDraft(tx, { ...draft, communityId: 'acme', actor: { kind: 'heimo' } }));
      return (await knowledge.publish(article.id, ainoActor)).id;
    };
    const first = await published({
      conversationId: q1.conversationId, title: 'Zebrafish invoice mismatch', sources: [{ platform: 'discord', url: 'https://discord.test/thread-k1' }],
      parts: [{ role: 'question', messageId: q1.messageId, author: kaisaAuthor, text: 'My Zebrafish invoice lists the Quokkaberry plan twice.' }, { role: 'answer', messageId: aino.messageId, author: ainoAuthor, text: '@Kaisa Virtanen the duplicate line is fixed on the billing page.' }],
      contributors: [{ role: 'asker', ...kaisaAuthor }, { role: 'answerer', ...ainoAuthor }, { role: 'accepter', ...kaisaAuthor }],
    });
    const second = await published({
      conversationId: q2.conversationId, title: 'Printer makes a noise', sources: [{ platform: 'discord', url: 'https://discord.test/thread-o1' }],
      parts: [{ role: 'question', messageId: q2.messageId, author: olliAuthor, text: 'The Wombatron printer rattles when it starts.' }, { role: 'answer', messageId: answer.messageId, author: kaisaAuthor, text: 'Hold the Narwhalex button for ten seconds, then restart it.' }],
      contributors: [{ role: 'asker', ...olliAuthor }, { role: 'answerer', ...kaisaAuthor }, { role: 'accepter', ...olliAuthor }],
    });
    // Search finds the article she answered before the forget (the index is what suggestions and pages use).
    const found = async (): Promise<string[]> => (await world.capabilities.knowledge.search({ text: 'Wombatron printer rattles', visibility: ['public'], limit: 3 })).map((hit) => hit.articleId);
    await eventually(async () => (await found()).includes(second), 'the published article in the index');
    await world.capabilities.jobs.transaction((tx) => world.capabilities.jobs.setTimer(tx, {
      key: `privacy-proof:${q1.conversationId}`, kind: 'privacy-proof', dueAt: new Date(Date.now() + 86_400_000),
      payload: { remind: { kind: 'person', platform: 'discord', userId: KAISA, displayName: 'Kaisa Virtanen' }, note: 'Ask Kaisa Virtanen whether the invoice is right now' },
    }));
    // She asks for a link code (issue 11): her person, account and code name her.
    expect((await run({ actor: kaisa, command: 'link', args: {} })).visibility).toBe('private');
    await quiet();

    const needles = [KAISA, 'Kaisa', 'Virtanen', ...KAISA_WORDS];
    const before = new Set((await findEverywhere(world.db, needles)).map((hit) => hit.column.split('.').slice(1, 2)[0]));
    // The search finds her where she was put, so an empty result after the forget means something.
    for (const table of ['Person', 'PlatformAccount', 'Conversation', 'Message', 'Reaction', 'CommandAudit', 'StatusChange', 'Resolution', 'DomainEvent', 'Timer', 'OutboxEntry', 'Article', 'ArticlePart', 'ArticleRevision', 'PrivacyChoice', 'Identity', 'IdentityAccount', 'LinkCode', 'CreditEntry', 'SatisfactionSurvey']) {
      expect(before).toContain(table);
    }
    const reactionsBefore = await rows<{ n: number }>(`SELECT count(*)::int AS "n" FROM "Reaction"`);
    const creditsBefore = await rows<{ n: number; points: number }>(`SELECT count(*)::int AS "n", sum("points")::int AS "points" FROM "CreditEntry"`);

    const reply = await run({ actor: kaisa, command: 'privacy', args: { action: 'forget', confirm: true } });
    expect(reply.visibility).toBe('private');
    await quiet();

    expect(await findEverywhere(world.db, needles)).toEqual([]);
    expect(logLines.filter((line) => needles.some((needle) => line.toLowerCase().includes(needle.toLowerCase())))).toEqual([]);
    expect(logLines.some((line) => line.includes('forgot a person'))).toBe(true);

    // Others' words and names are where they were; her rows are still there, anonymised.
    const text = async (id: string) => (await rows<{ text: string; deleted: boolean }>(`SELECT "text", "deletedAt" IS NOT NULL AS "deleted" FROM "Message" WHERE "id" = $1::text`, [id]))[0];
    expect(await text(q2.messageId)).toEqual({ text: 'The Wombatron printer rattles when it starts.', deleted: false });
    expect(await text(aino.messageId)).toEqual({ text: `@${FORGOTTEN_NAME} the duplicate line is fixed on the billing page.`, deleted: false });
    expect(await text(answer.messageId)).toEqual({ text: '', deleted: true });
    expect(await rows(`SELECT "displayName" FROM "PlatformAccount" WHERE "platform" = 'discord' AND "externalId" = $1::text`, [OLLI])).toEqual([{ displayName: 'Olli' }]);
    expect(await rows(`SELECT "displayName", "avatarUrl" FROM "PlatformAccount" WHERE "id" = (SELECT "askerId" FROM "Conversation" WHERE "id" = $1::text)`, [q1.conversationId])).toEqual([{ displayName: FORGOTTEN_NAME, avatarUrl: null }]);
    expect(await rows(`SELECT count(*)::int AS "n" FROM "Reaction"`)).toEqual(reactionsBefore);
    // Her rating stays (the community's satisfaction figures stay right), under the tombstone.
    expect(await rows(`SELECT "score", "askerPlatform", "askerUserId" <> $2::text AS "anonymised" FROM "SatisfactionSurvey" WHERE "conversationId" = $1::text`, [q1.conversationId, KAISA])).toEqual([{ score: 5, askerPlatform: 'discord', anonymised: true }]);
    // Her credits keep their points (the community's totals stay right), under no name.
    expect(await rows(`SELECT count(*)::int AS "n", sum("points")::int AS "points" FROM "CreditEntry"`)).toEqual(creditsBefore);
    const articles = await rows<{ id: string; state: string; title: string; question: string; answer: string; contributors: unknown; revision: number }>(
      `SELECT "id", "state", "title", "question", "answer", "contributors", "revision" FROM "Article" ORDER BY "createdAt", "id"`);
    const byId = new Map(articles.map((article) => [article.id, article]));
    // Without her question or her answer an article cannot be shown: back to review.
    // The forum post's name was her words too, though not in her text.
    expect(byId.get(first)).toMatchObject({ state: 'draft', title: REMOVED_TEXT, question: '', answer: `@${FORGOTTEN_NAME} the duplicate line is fixed on the billing page.`, revision: 4 });
    expect(await rows(`SELECT "action" FROM "ArticleRevision" WHERE "articleId" = $1::text ORDER BY "number"`, [first])).toEqual(['capture', 'recapture', 'publish', 'forget'].map((action) => ({ action })));
    expect(byId.get(second)).toMatchObject({ state: 'draft', question: 'The Wombatron printer rattles when it starts.', answer: '', revision: 4 });
    expect(byId.get(second)?.contributors).toEqual([{ role: 'asker', ...olliAuthor }, { role: 'accepter', ...olliAuthor }]);
    expect(await rows(`SELECT "action", "actor" FROM "ArticleRevision" WHERE "articleId" = $1::text AND "number" = 4`, [second])).toEqual([{ action: 'forget', actor: { kind: 'heimo' } }]);
    // Without her answer the article is a draft again: search no longer offers it.
    await eventually(async () => !(await found()).includes(second), 'the article out of the index');
  }, 180_000);

  it('should leave nothing of an employee on the rota who owns questions when the operator forgets them', async () => {
    const needles = [AINO, 'Aino', 'billing page'];
    expect((await findEverywhere(world.db, needles)).length).toBeGreaterThan(0);
    const report = await privacy.forget({ platform: 'slack', userId: AINO });
    expect(report.erased.find((entry) => entry.name === 'owners')?.rows).toBeGreaterThan(0);
    await quiet();

    expect(await findEverywhere(world.db, needles)).toEqual([]);
    expect(await rows(`SELECT count(*)::int AS "n" FROM "TeamMember"`)).toEqual([{ n: 0 }]);
    // The question she owned stays owned (by her tombstone) and keeps its status.
    expect(await rows(`SELECT "displayName", "userId" = $1::text AS "tombstone" FROM "QuestionOwner"`, [report.reference])).toContainEqual({ displayName: FORGOTTEN_NAME, tombstone: true });
    expect(await findEverywhere(world.db, ['Wombatron', 'Olli'])).not.toEqual([]);
  }, 120_000);
});
