import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandInvocation, type InvokingPerson } from '../../../core/commands/index.ts';
import { HeimoError } from '../../../core/errors.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const NOW = new Date('2026-12-03T08:00:00Z');
const STAFF: InvokingPerson = { userId: 'staff-1', displayName: 'Sanna', userGroupIds: ['S-support'], locale: 'en-US' };
const NOBODY: InvokingPerson = { userId: 'someone', displayName: 'Pekka', roleIds: ['member'], locale: 'en' };
const ASKER: InvokingPerson = { userId: 'asker', displayName: 'Aino', roleIds: [], locale: 'en-GB' };

function setUp(options: { failAudit?: boolean } = {}) {
  const { services, calls } = createRecordingServices();
  const audits: AuditDraft[] = [];
  const { logger, lines } = createRecordingLogger();
  const runner = createCommandRunner({
    registry: createCommandRegistry(),
    services,
    permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => { if (options.failAudit) throw new Error('database down'); audits.push(draft); } },
    translator: (locale) => translator(locale, TEST_COMMUNITY.locale),
    logger,
    clock: () => NOW,
  });
  const run = (invocation: Partial<CommandInvocation> & Pick<CommandInvocation, 'command'>) =>
    runner.run({ communityId: 'acme', platform: 'slack', actor: STAFF, args: {}, ...invocation });
  return { run, calls, audits, lines, services };
}

describe('command runner: permissions', () => {
  it('should refuse privately, translated, and change nothing when a member without a role claims', async () => {
    const { run, calls, audits } = setUp();
    const reply = await run({ command: 'claim', platform: 'discord', actor: { ...NOBODY, locale: 'fi' }, question: { platform: 'discord', channelId: 'c', threadId: 'thread-1' } });
    expect(reply).toEqual({ visibility: 'private', text: 'Et voi käyttää komentoa `claim`: se on vain henkilökunnalle.' });
    expect(calls).toEqual([]);
    expect(audits).toMatchObject([{ command: 'claim', outcome: 'denied', actorId: 'someone', detail: 'needs staff, has none' }]);
  });

  it('should let the asker resolve their own question when they hold no role', async () => {
    const { run, calls, audits } = setUp();
    const reply = await run({ command: 'resolve', platform: 'discord', actor: ASKER, question: { platform: 'discord', channelId: 'c', threadId: 'thread-1' } });
    expect(reply).toEqual({ visibility: 'public', text: 'Aino marked this question solved.' });
    expect(calls).toMatchObject([{ method: 'resolve', request: { conversationId: 'conv-1', actor: { kind: 'person', platform: 'discord', userId: 'asker' } } }]);
    expect(audits).toMatchObject([{ outcome: 'allowed', conversationId: 'conv-1' }]);
  });

  it('should refuse another member who did not ask when they try to reopen the question', async () => {
    const { run, calls, audits } = setUp();
    const reply = await run({ command: 'reopen', platform: 'discord', actor: NOBODY, question: { conversationId: 'conv-1' } });
    expect(reply.text).toBe('You may not use `reopen`: it needs the asker or staff.');
    expect(calls).toEqual([]);
    expect(audits).toMatchObject([{ outcome: 'denied', conversationId: 'conv-1' }]);
  });

  it('should let only a moderator list dead deliveries when staff try too', async () => {
    const { run, audits } = setUp();
    expect((await run({ command: 'deliveries', args: { action: 'list' } })).text).toContain('needs a moderator');
    const moderator = { ...STAFF, userGroupIds: ['S-mods'] };
    expect(await run({ command: 'deliveries', actor: moderator, args: { action: 'list' } })).toEqual({ visibility: 'private', text: 'There are no dead deliveries.' });
    expect(audits.map((audit) => audit.outcome)).toEqual(['denied', 'allowed']);
  });
});

describe('command runner: arguments and question', () => {
  it('should say which option is missing when a required option is not given', async () => {
    const { run, calls, audits } = setUp();
    const reply = await run({ command: 'move', question: { text: 'https://acme.slack.com/archives/C1/p1?conv-1' } });
    expect(reply).toEqual({ visibility: 'private', text: '`move` needs `team`.' });
    expect(calls).toEqual([]);
    expect(audits).toMatchObject([{ outcome: 'invalid', detail: 'error.missingOption' }]);
  });

  it('should say what a value must be when a boolean or a choice is not one', async () => {
    const { run } = setUp();
    expect((await run({ command: 'onduty', args: { on: 'maybe' } })).text).toBe('`on` of `onduty` must be yes or no.');
    const moderator = { ...STAFF, userGroupIds: ['S-mods'], locale: 'sk' };
    expect((await run({ command: 'deliveries', actor: moderator, args: { action: 'purge' } })).text).toBe('`action` príkazu `deliveries` musí byť jedna z možností list, retry.');
  });

  it('should read yes and no typed as text when a platform sends text', async () => {
    const { run, calls } = setUp();
    expect((await run({ command: 'onduty', args: { on: 'yes' } })).text).toBe('You are on duty: new questions can come to you.');
    expect((await run({ command: 'onduty', args: { on: 'ei' } })).text).toBe('You are off duty: no new questions come to you.');
    expect(calls.map((call) => (call.request as { onDuty?: boolean }).onDuty)).toEqual([true, false]);
  });

  it('should ask for the question when a question command runs outside a thread without an id or link', async () => {
    const { run, audits } = setUp();
    expect((await run({ command: 'claim' })).text).toBe("`claim` works on a question: run it in the question's thread, or give its id or link.");
    expect((await run({ command: 'claim', args: { question: 'nope' } })).text).toBe('No question found for "nope".');
    expect(audits.map((audit) => audit.outcome)).toEqual(['invalid', 'invalid']);
  });

  it('should find the question from a typed link when a Slack slash command names it', async () => {
    const { run, calls } = setUp();
    const reply = await run({ command: 'move', args: { team: 'billing', question: 'https://heimo.example/q/conv-1' } });
    expect(reply).toEqual({ visibility: 'public', text: 'Sanna moved this question to Billing.' });
    expect(calls).toMatchObject([{ method: 'move', request: { conversationId: 'conv-1', team: 'billing' } }]);
  });

  it('should resolve with the targeted message when "Mark as solution" is used', async () => {
    const { run, calls, audits } = setUp();
    const targetMessage = { platform: 'slack' as const, channelId: 'C-support', messageId: '1700000000.000200', authorId: 'U9' };
    const reply = await run({ command: 'mark-solution', question: { platform: 'slack', channelId: 'C-support', threadId: 'thread-1' }, targetMessage });
    expect(reply.visibility).toBe('public');
    expect(calls).toMatchObject([{ method: 'resolve', request: { conversationId: 'conv-1', solution: targetMessage } }]);
    expect(audits[0]?.args).toEqual({ targetMessage });
  });

  it('should need a channel when the queue is asked for outside one', async () => {
    const { run } = setUp();
    expect((await run({ command: 'queue' })).text).toBe('`queue` works in a channel.');
  });
});

describe('command runner: replies and failures', () => {
  it('should list the queue oldest first with its clocks in the person\'s language when asked', async () => {
    const { run } = setUp();
    const reply = await run({ command: 'queue', channelId: 'C-support', actor: { ...STAFF, locale: 'fi' } });
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe('**Tiimin Support avoimet kysymykset** (2)');
    expect(lines[1]).toContain('Older one');
    expect(lines[2]).toContain('Login fails');
    expect(lines[2]).toContain('Ensimmäinen vastaus myöhässä: määräaika oli 1 tunti sitten');
  });

  it("should answer in the community's language when the person's locale is not supported", async () => {
    const { run } = setUp();
    const reply = await run({ command: 'status', actor: { ...STAFF, locale: 'de' }, question: { conversationId: 'conv-1' } });
    expect(reply.text.split('\n')[0]).toBe('**Login fails**: Avoin, ei omistajaa, tiimi Support');
  });

  it('should show a service refusal and audit it as failed when the team does not exist', async () => {
    const { run, audits } = setUp();
    const reply = await run({ command: 'move', args: { team: 'nowhere' }, question: { conversationId: 'conv-1' } });
    expect(reply).toEqual({ visibility: 'private', text: 'Not found: no team "nowhere"' });
    expect(audits).toMatchObject([{ outcome: 'failed', detail: 'NOT_FOUND: no team "nowhere"' }]);
  });

  it('should give a generic reply and log when a service breaks unexpectedly', async () => {
    const { run, services, audits, lines } = setUp();
    services.owners.claim = async () => { throw new TypeError('boom'); };
    const reply = await run({ command: 'claim', question: { conversationId: 'conv-1' } });
    expect(reply.text).toBe('Something went wrong; the command did not finish. Try again later.');
    expect(audits).toMatchObject([{ outcome: 'failed', detail: 'boom' }]);
    expect(lines).toMatchObject([{ level: 'error', message: 'command failed' }]);
  });

  it('should still answer and log when the audit cannot be written', async () => {
    const { run, lines } = setUp({ failAudit: true });
    expect((await run({ command: 'help' })).text).toContain('`claim`: Take this question yourself');
    expect(lines).toMatchObject([{ level: 'error', message: 'command audit write failed' }]);
  });

  it('should refuse an unknown command and a conflicting transition with a clear reply', async () => {
    const { run, services } = setUp();
    expect((await run({ command: 'frobnicate' })).text).toBe('There is no command `frobnicate`. Try `help`.');
    services.lifecycle.reopen = async () => { throw new HeimoError('CONFLICT', 'the question is open already'); };
    expect((await run({ command: 'reopen', question: { conversationId: 'conv-1' } })).text).toBe('That cannot be done now: the question is open already');
  });
});

describe('command registry', () => {
  it('should refuse a name a platform cannot show when a definition has one', () => {
    const [help] = createCommandRegistry().definitions;
    expect(() => createCommandRegistry([{ ...help!, name: 'Mark as solution' }])).toThrow(/must be 1-32 lowercase/);
    expect(() => createCommandRegistry([help!, help!])).toThrow(/defined twice/);
  });

  it('should refuse a group nobody declared, a group that is also a command, and deeper or grouped message actions when a registry is built', () => {
    const [help] = createCommandRegistry().definitions;
    expect(() => createCommandRegistry([{ ...help!, name: 'faq search' }], [])).toThrow(/undeclared group "faq"/);
    expect(() => createCommandRegistry([{ ...help!, name: 'kb' }, { ...help!, name: 'kb search' }], [{ name: 'kb', descriptionKey: 'command.kb.description' }])).toThrow(/both a command and a group/);
    expect(() => createCommandRegistry([{ ...help!, name: 'kb search more' }])).toThrow(/only commands may be grouped, in one group/);
    expect(() => createCommandRegistry([{ ...help!, kind: 'message-action', name: 'kb add' }])).toThrow(/only commands may be grouped/);
    const registry = createCommandRegistry();
    expect(registry.get(' KB   search ')?.name).toBe('kb search');
    expect(registry.group('Kb')?.name).toBe('kb');
    expect(registry.group('status')).toBeUndefined();
  });
});

describe('command runner: "This solved it"', () => {
  const question = { conversationId: 'conv-1' };

  it('should accept the article for the asker, answer publicly, and refuse staff who did not ask', async () => {
    const { run, services, audits } = setUp();
    const accepted: unknown[] = [];
    services.suggestions = { accept: async (request) => (accepted.push(request), { title: 'Reset *your* password' }) };

    const refused = await run({ command: 'kb-accept', args: { article: 'art-1' }, question });
    expect(refused).toEqual({ visibility: 'private', text: 'You may not use `kb-accept`: it needs the person who asked.' });
    const reply = await run({ command: 'kb-accept', platform: 'discord', actor: ASKER, args: { article: 'art-1' }, question });

    expect(reply).toEqual({ visibility: 'public', text: 'Aino says "Reset \\*your\\* password" solved it; this question is solved.' });
    expect(accepted).toEqual([{ conversationId: 'conv-1', articleId: 'art-1', actor: { kind: 'person', platform: 'discord', userId: 'asker', displayName: 'Aino' } }]);
    expect(audits.map((audit) => audit.outcome)).toEqual(['denied', 'allowed']);
  });

  it('should need the article, and say suggestions are not set up when nothing is wired', async () => {
    const { run } = setUp();
    expect((await run({ command: 'kb-accept', platform: 'discord', actor: ASKER, question })).text).toBe('`kb-accept` needs `article`.');
    expect((await run({ command: 'kb-accept', platform: 'discord', actor: ASKER, args: { article: 'art-1' }, question })).text).toBe('That cannot be done now: suggestions are not set up here');
  });

  it('should list stats but not the button-only kb-accept when someone asks for help', async () => {
    const { run } = setUp();
    const help = (await run({ command: 'help' })).text;
    expect(help).toContain('`stats`: Show suggestion, knowledge base and question figures');
    expect(help).not.toContain('kb-accept');
  });
});
