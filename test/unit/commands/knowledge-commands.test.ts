import { describe, expect, it } from 'vitest';
import { createCommandRegistry, createCommandRunner, type CommandInvocation, type InvokingPerson } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';
import { testArticle } from '../../support/knowledge-doubles.ts';

const STAFF: InvokingPerson = { userId: 'staff-1', displayName: 'Sanna', userGroupIds: ['S-support'], locale: 'en' };
const MODERATOR: InvokingPerson = { userId: 'mod-1', displayName: 'Mona', userGroupIds: ['S-mods'], locale: 'en' };
const MEMBER: InvokingPerson = { userId: 'member-1', displayName: 'Pekka', locale: 'en' };

function setUp() {
  const { services, calls } = createRecordingServices();
  const articles = services.knowledge.articles;
  for (const article of [
    testArticle({ id: 'reset', title: 'Reset your password', tags: ['login'] }),
    testArticle({ id: 'members', title: 'Password rules for members', visibility: 'community' }),
    testArticle({ id: 'internal', title: 'Password reset by staff', visibility: 'staff' }),
    testArticle({ id: 'draft', title: 'Password draft', state: 'draft', publishedAt: null }),
    testArticle({ id: 'old', title: 'Old export guide', stale: true, staleReason: 'reopened', lastVerifiedAt: new Date('2026-11-01T08:00:00Z') }),
    testArticle({ id: 'elsewhere', title: 'Password of another community', communityId: 'other' }),
  ]) articles.set(article.id, article);
  const runner = createCommandRunner({
    registry: createCommandRegistry(),
    services,
    permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async () => undefined },
    translator: (locale) => translator(locale, 'en'),
    logger: createRecordingLogger().logger,
    clock: () => new Date('2026-12-03T08:00:00Z'),
  });
  const run = (invocation: Partial<CommandInvocation> & Pick<CommandInvocation, 'command'>) =>
    runner.run({ communityId: 'acme', platform: 'slack', actor: STAFF, args: {}, channelId: 'C-support', ...invocation });
  return { run, calls, articles };
}

describe('kb search', () => {
  it('should show a member public and community articles only, privately, best first with their links', async () => {
    const { run } = setUp();
    const reply = await run({ command: 'kb search', actor: MEMBER, args: { text: 'password' } });
    expect(reply.visibility).toBe('private');
    expect(reply.text).toContain('1. **Reset your password** (0.90): https://heimo.example/kb/articles/reset');
    // A community article has no public page: its id is given instead.
    expect(reply.text).toContain('**Password rules for members** (0.50): id `members`');
    expect(reply.text).not.toContain('by staff');
    expect(reply.text).not.toContain('draft');
    expect(reply.text).not.toContain('another community');
  });

  it('should show staff the staff-only articles too when staff search', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'kb search', args: { text: 'password' } })).text).toContain('Password reset by staff');
    expect(calls).toContainEqual({ method: 'search', request: { text: 'password', communityId: 'acme', visibility: ['public', 'community', 'staff'], limit: 5 } });
  });

  it('should say so when nothing matches', async () => {
    const { run } = setUp();
    expect((await run({ command: 'kb search', actor: MEMBER, args: { text: 'invoices' } })).text).toBe('No article matches "invoices".');
  });
});

describe('kb add', () => {
  it('should refuse a member and ask staff for a form of title, question, answer and tags when nothing is given', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'kb add', actor: MEMBER })).text).toBe('You may not use `kb add`: it needs staff.');
    const reply = await run({ command: 'kb add' });
    expect(reply.text).toContain('kb add title=');
    expect(reply.form).toEqual({
      command: 'kb add', title: 'New article', submit: 'Save', args: {},
      fields: [
        { name: 'title', label: 'Title', value: '', long: false, required: true },
        { name: 'question', label: 'Question', value: '', long: true, required: true },
        { name: 'answer', label: 'Answer', value: '', long: true, required: true },
        { name: 'tags', label: 'Tags, comma separated', value: '', long: false, required: false },
      ],
    });
    expect(calls).toEqual([]);
  });

  it('should name the first missing field when only some are given', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'kb add', args: { title: 'Only a title' } })).text).toBe('`kb add` needs `question`.');
    expect(calls).toEqual([]);
  });

  it('should add and publish at once for staff, tags split at commas, when everything is given', async () => {
    const { run, calls, articles } = setUp();
    const reply = await run({ command: 'kb add', args: { title: 'Export to PDF', question: 'How do I export?', answer: 'Use File > Export.', tags: 'export, pdf,' } });
    expect(calls.map((call) => call.method)).toEqual(['add', 'publish']);
    expect(calls[0]?.request).toMatchObject({ communityId: 'acme', content: { title: 'Export to PDF', question: 'How do I export?', answer: 'Use File > Export.', tags: ['export', 'pdf'] }, actor: { kind: 'person', platform: 'slack', userId: 'staff-1' } });
    expect(calls[1]?.request).toMatchObject({ actor: { userId: 'staff-1' } });
    expect(articles.get('added-1')?.state).toBe('published');
    expect(reply.text).toBe('Published **Export to PDF**: https://heimo.example/kb/articles/added-1');
  });
});

describe('kb edit', () => {
  it('should ask for a form prefilled with the article, carrying its id, when no change is given (the review card\'s Edit)', async () => {
    const { run } = setUp();
    const reply = await run({ command: 'kb edit', args: { article: 'reset' } });
    expect(reply.text).toContain('kb edit reset title=');
    expect(reply.form).toMatchObject({ command: 'kb edit', title: 'Edit article', args: { article: 'reset' } });
    expect(reply.form?.fields.map((field) => [field.name, field.value, field.required])).toEqual([
      ['title', 'Reset your password', false], ['question', 'Reset your password?', false], ['answer', 'Do this.', false], ['tags', 'login', false],
    ]);
  });

  it('should pass only what changed when a form comes back with every field', async () => {
    const { run, calls } = setUp();
    const reply = await run({ command: 'kb edit', args: { article: 'reset', title: 'Reset your password', question: 'Reset your password?', answer: 'Click "Forgot password".', tags: 'login' } });
    expect(calls).toMatchObject([{ method: 'edit', request: { id: 'reset', changes: { answer: 'Click "Forgot password".' } } }]);
    expect(Object.keys((calls[0]?.request as { changes: object }).changes)).toEqual(['answer']);
    expect(reply.text).toBe('Edited **Reset your password** (revision 2): https://heimo.example/kb/articles/reset');
  });

  it('should change nothing and say so when what is given is what the article says', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'kb edit', args: { article: 'reset', title: 'Reset your password' } })).text).toContain('nothing changed');
    expect(calls).toEqual([]);
  });

  it('should find the article by the link to its page, and not another community\'s', async () => {
    const { run } = setUp();
    expect((await run({ command: 'kb edit', args: { article: 'https://heimo.example/kb/articles/reset', title: 'New title' } })).text).toContain('Edited **New title**');
    expect((await run({ command: 'kb edit', args: { article: 'elsewhere', title: 'Mine now' } })).text).toBe('Not found: no article "elsewhere" in this community');
    expect((await run({ command: 'kb edit', args: { article: '%E0%A4%A', title: 'x' } })).text).toContain('Not found');
  });
});

describe('kb review and upkeep', () => {
  it('should let staff publish and reject with a reason, and refuse a member', async () => {
    const { run, calls, articles } = setUp();
    expect((await run({ command: 'kb publish', actor: MEMBER, args: { article: 'draft' } })).text).toContain('needs staff');
    expect((await run({ command: 'kb reject', args: { article: 'draft', reason: 'not accurate' } })).text).toBe('Rejected **Password draft**.');
    expect(calls).toMatchObject([{ method: 'reject', request: { id: 'draft', reason: 'not accurate' } }]);
    expect((await run({ command: 'kb publish', args: { article: 'draft' } })).text).toBe('Published **Password draft**: https://heimo.example/kb/articles/draft');
    expect(articles.get('draft')?.state).toBe('published');
  });

  it('should let only a moderator retire', async () => {
    const { run, articles } = setUp();
    expect((await run({ command: 'kb retire', args: { article: 'reset' } })).text).toBe('You may not use `kb retire`: it needs a moderator.');
    expect(articles.get('reset')?.state).toBe('published');
    expect((await run({ command: 'kb retire', actor: MODERATOR, args: { article: 'reset' } })).text).toContain('Retired **Reset your password**');
    expect(articles.get('reset')?.state).toBe('retired');
  });

  it('should refuse a rollback to something that is no revision number', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'kb rollback', actor: MODERATOR, args: { article: 'reset', revision: 'latest' } })).text).toContain('"latest" is not a revision number');
    expect((await run({ command: 'kb rollback', actor: MODERATOR, args: { article: 'reset', revision: '#1' } })).text).toContain('now revision 2');
    expect(calls).toMatchObject([{ method: 'rollback', request: { id: 'reset', revision: 1 } }]);
  });

  it('should list stale articles with why and when they were last verified', async () => {
    const { run } = setUp();
    const reply = await run({ command: 'kb stale' });
    expect(reply.text.split('\n')).toEqual(['**Articles to check** (1)', '- **Old export guide** (`old`): its question was reopened, verified 1 month ago']);
  });
});

describe('Add to knowledge base', () => {
  const target = { platform: 'slack' as const, channelId: 'C-support', messageId: '1800000000.000200' };
  const question = { platform: 'slack' as const, channelId: 'C-support', threadId: 'thread-1' };

  it('should capture the question as a draft for staff and publish it for a moderator', async () => {
    const { run, calls } = setUp();
    const draft = await run({ command: 'add-to-kb', question, targetMessage: target });
    expect(calls).toMatchObject([{ method: 'addFromMessage', request: { conversationId: 'conv-1', target, actor: { userId: 'staff-1' } } }]);
    expect(draft.text).toBe('Added **Captured** as a draft for review (id `captured-1`).');
    const published = await run({ command: 'add-to-kb', actor: MODERATOR, question, targetMessage: target });
    expect(calls.map((call) => call.method)).toEqual(['addFromMessage', 'addFromMessage', 'publish']);
    expect(published.text).toBe('Published **Captured**: https://heimo.example/kb/articles/captured-2');
  });

  it('should refuse a member and need the question it was run on', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'add-to-kb', actor: MEMBER, question, targetMessage: target })).text).toContain('needs staff');
    expect((await run({ command: 'add-to-kb', targetMessage: target, channelId: 'C-support' })).text).toContain('works on a question');
    expect(calls).toEqual([]);
  });
});

describe('the kb group', () => {
  it('should list the group\'s commands when only the group, or an unknown command of it, is named', async () => {
    const { run } = setUp();
    const listed = (await run({ command: 'kb', actor: MEMBER })).text.split('\n');
    expect(listed[0]).toBe('**Heimo commands: kb**');
    expect(listed.slice(1).map((line) => /`([^`]+)`/.exec(line)?.[1])).toEqual(['kb search', 'kb add', 'kb edit', 'kb publish', 'kb reject', 'kb retire', 'kb verify', 'kb rollback', 'kb stale']);
    expect((await run({ command: 'kb frobnicate' })).text).toContain('**Heimo commands: kb**');
  });
});
