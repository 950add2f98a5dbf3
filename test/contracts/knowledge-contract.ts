import { expect, it } from 'vitest';
import type { Actor } from '../../core/domain/domain-events.ts';
import { translator } from '../../core/i18n/index.ts';
import { reviewCardView, type Article, type ArticleVisibility } from '../../core/knowledge/index.ts';
import type { CommandContractWorld } from './command-contract.ts';

const HEIMO: Actor = { kind: 'heimo' };
const COMMUNITY = 'acme';
type Row = { state: string; title: string; question: string; answer: string; conversationId: string | null; editedFields: string[] };

/**
 * The knowledge commands of the contract, run inside describeCommandContract on its world: search
 * with the reader's visibility, add typed or through a form, Add to knowledge base on a message,
 * the review card's buttons, edit, retire and stale, each with the lifecycle issue's rights.
 */
export function describeKnowledgeContract(world: () => CommandContractWorld): void {
  const kb = () => world().knowledge;
  const userId = (persona: Parameters<CommandContractWorld['userIdOf']>[0]) => world().userIdOf(persona);

  const article = async (id: string): Promise<Row | undefined> =>
    (await world().db.pool.query<Row>(`SELECT "state", "title", "question", "answer", "conversationId", "editedFields" FROM "Article" WHERE "id" = $1::text`, [id])).rows[0];
  const byTitle = async (title: string): Promise<Array<Row & { id: string }>> =>
    (await world().db.pool.query<Row & { id: string }>(`SELECT "id", "state", "title", "question", "answer", "conversationId", "editedFields" FROM "Article" WHERE "title" = $1::text`, [title])).rows;
  const byConversation = async (conversationId: string): Promise<Row | undefined> =>
    (await world().db.pool.query<Row>(`SELECT "state", "title", "question", "answer", "conversationId", "editedFields" FROM "Article" WHERE "conversationId" = $1::text`, [conversationId])).rows[0];
  const revisions = async (id: string): Promise<Array<{ action: string; actor: { kind: string; userId?: string } }>> =>
    (await world().db.pool.query<{ action: string; actor: { kind: string; userId?: string } }>(`SELECT "action", "actor" FROM "ArticleRevision" WHERE "articleId" = $1::text ORDER BY "number"`, [id])).rows;

  const draft = (title: string, visibility: ArticleVisibility = 'public'): Promise<Article> =>
    kb().add({ communityId: COMMUNITY, content: { title, question: `How does ${title} work?`, answer: `This is how ${title} works.`, visibility }, actor: HEIMO });
  const published = async (title: string, visibility: ArticleVisibility = 'public'): Promise<Article> => kb().publish((await draft(title, visibility)).id, HEIMO);
  const cardOf = (shown: Article) => reviewCardView(shown, translator('en'), { idempotencyKey: `contract-review-${shown.id}`, isRetry: false });

  it('should show a member public and community articles and staff every one, privately, when they search', async () => {
    await published('Quokka export for everyone');
    await published('Quokka export for members', 'community');
    await published('Quokka export for staff', 'staff');
    const member = await world().side.run({ command: 'kb search', args: { text: 'quokka export' }, as: 'member' });
    expect(member.private).toBe(true);
    expect(member.text).toContain('Quokka export for everyone');
    expect(member.text).toContain('Quokka export for members');
    expect(member.text).not.toContain('Quokka export for staff');
    const staff = await world().side.run({ command: 'kb search', args: { text: 'quokka export' }, as: 'staff' });
    expect(staff.private).toBe(true);
    expect(staff.text).toContain('Quokka export for staff');
    // The public one has a page; its link is in the reply.
    expect(staff.text).toMatch(/https:\/\/heimo\.example\/kb\/articles\/[\w-]+/);
  });

  it('should refuse a member and publish at once for staff, recording who, when they add an article typed out', async () => {
    const args = { title: 'Wombat backups nightly', question: 'How often are backups made?', answer: 'Every night at 02:00.', tags: 'backup, ops' };
    const refused = await world().side.run({ command: 'kb add', args, as: 'member' });
    expect(refused.private).toBe(true);
    expect(await byTitle(args.title)).toEqual([]);
    const reply = await world().side.run({ command: 'kb add', args, as: 'staff' });
    expect(reply.private).toBe(true);
    expect(reply.text).toContain(args.title);
    const [added] = await byTitle(args.title);
    expect(added).toMatchObject({ state: 'published', question: args.question, answer: args.answer, conversationId: null });
    expect((await revisions(added?.id ?? '')).map((revision) => [revision.action, revision.actor.userId])).toEqual([['add', userId('staff')], ['publish', userId('staff')]]);
  });

  it('should open a form when staff add an article without typing it, and publish what they submit', async () => {
    const form = await world().side.runForm({ command: 'kb add', as: 'staff' });
    expect(form.values).toMatchObject({ title: '', question: '', answer: '' });
    const reply = await form.submit({ title: 'Numbat invoices in euros', question: 'Can invoices be in euros?', answer: 'Yes: set the currency under Billing.' });
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('Numbat invoices in euros');
    expect(await byTitle('Numbat invoices in euros')).toMatchObject([{ state: 'published', answer: 'Yes: set the currency under Billing.' }]);
  });

  it("should refuse a member, keep staff's article of a message as a draft of its question and publish a moderator's when they add a message to the knowledge base", async () => {
    const { question, answerMessageId } = await world().ask('Koala sync stops at night');
    const refused = await world().side.addToKnowledgeBase({ messageId: answerMessageId, as: 'member', question });
    expect(refused.private).toBe(true);
    expect(await byConversation(question.conversationId)).toBeUndefined();
    const reply = await world().side.addToKnowledgeBase({ messageId: answerMessageId, as: 'staff', question });
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('Koala sync stops at night');
    expect(await byConversation(question.conversationId)).toMatchObject({ state: 'draft', title: 'Koala sync stops at night', question: 'Koala sync stops at night', answer: 'Try this.' });

    const second = await world().ask('Koala sync skips files');
    await world().side.addToKnowledgeBase({ messageId: second.answerMessageId, as: 'moderator', question: second.question });
    expect(await byConversation(second.question.conversationId)).toMatchObject({ state: 'published', answer: 'Try this.' });
  });

  it('should publish and reject from the review card for staff and refuse a member when they press its buttons', async () => {
    const toPublish = await draft('Platypus login with SSO');
    const refused = await world().side.pressReview({ action: 'kb publish', card: cardOf(toPublish), as: 'member' });
    expect(refused.private).toBe(true);
    expect((await article(toPublish.id))?.state).toBe('draft');
    expect((await world().side.pressReview({ action: 'kb publish', card: cardOf(toPublish), as: 'staff' })).private).toBe(true);
    expect((await article(toPublish.id))?.state).toBe('published');
    const toReject = await draft('Platypus login without SSO');
    await world().side.pressReview({ action: 'kb reject', card: cardOf(toReject), as: 'staff' });
    expect((await article(toReject.id))?.state).toBe('rejected');
  });

  it("should open the article prefilled and save only what changed when staff press the review card's Edit", async () => {
    const shown = await draft('Echidna exports to CSV');
    const form = await world().side.pressReviewForm({ action: 'kb edit', card: cardOf(shown), as: 'staff' });
    expect(form.values).toMatchObject({ title: 'Echidna exports to CSV', question: 'How does Echidna exports to CSV work?', answer: 'This is how Echidna exports to CSV works.' });
    const reply = await form.submit({ answer: 'Use Export, then CSV.' });
    expect(reply.private).toBe(true);
    expect(await article(shown.id)).toMatchObject({ state: 'draft', title: 'Echidna exports to CSV', answer: 'Use Export, then CSV.', editedFields: ['answer'] });
    expect((await revisions(shown.id)).at(-1)).toMatchObject({ action: 'edit', actor: { userId: userId('staff') } });
  });

  it('should edit what staff type and refuse a member when they edit an article', async () => {
    const shown = await published('Dingo alerts by email');
    expect((await world().side.run({ command: 'kb edit', args: { article: shown.id, title: 'Dingo alerts by SMS' }, as: 'member' })).private).toBe(true);
    expect((await article(shown.id))?.title).toBe('Dingo alerts by email');
    const reply = await world().side.run({ command: 'kb edit', args: { article: shown.id, title: 'Dingo alerts by SMS' }, as: 'staff' });
    expect(reply.text).toContain('Dingo alerts by SMS');
    expect(await article(shown.id)).toMatchObject({ state: 'published', title: 'Dingo alerts by SMS' });
  });

  it('should retire an article only for a moderator when staff and a moderator retire it', async () => {
    const shown = await published('Bilby accounts merged');
    expect((await world().side.run({ command: 'kb retire', args: { article: shown.id }, as: 'staff' })).private).toBe(true);
    expect((await article(shown.id))?.state).toBe('published');
    const reply = await world().side.run({ command: 'kb retire', args: { article: shown.id }, as: 'moderator' });
    expect(reply.private).toBe(true);
    expect(await article(shown.id)).toMatchObject({ state: 'retired' });
  });

  it('should list stale articles to staff and refuse a member when they ask for them', async () => {
    const shown = await published('Wallaby reports are late');
    await kb().markStale({ articleId: shown.id }, 'reopened');
    const refused = await world().side.run({ command: 'kb stale', as: 'member' });
    expect(refused.private).toBe(true);
    expect(refused.text).not.toContain('Wallaby');
    const listed = await world().side.run({ command: 'kb stale', as: 'staff' });
    expect(listed.private).toBe(true);
    expect(listed.text).toContain('Wallaby reports are late');
  });
}
