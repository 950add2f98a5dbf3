import { describe, expect, it } from 'vitest';
import type { Transcript, TranscriptMessage } from '../../../core/conversations/index.ts';
import type { QuestionResolvedEvent } from '../../../core/domain/domain-events.ts';
import { buildDraft, CAPTURE_LIMITS, deriveTags } from '../../../core/knowledge/index.ts';

const ann = { platform: 'discord' as const, userId: 'ann', displayName: 'Ann', isBot: false, side: 'customer' as const, isAsker: true };
const cora = { ...ann, userId: 'cora', displayName: 'Cora', isAsker: false };
const erin = { platform: 'slack' as const, userId: 'U-erin', displayName: 'Erin', isBot: false, side: 'employee' as const, isAsker: false };
const bot = { ...cora, userId: 'bot', displayName: 'Some bot', isBot: true };

let n = 0;
const msg = (author: TranscriptMessage['author'], text: string, extra: Partial<TranscriptMessage> = {}): TranscriptMessage => ({
  id: `m${(n += 1)}`, platform: author.platform, author, text, internal: false, deleted: false, isQuestion: false, writtenAt: new Date(n * 1000), ...extra,
});

const transcript = (messages: TranscriptMessage[]): Transcript => ({
  conversationId: 'c1', communityId: 'acme', title: 'Sync stops at login', status: 'resolved', messages,
  links: [{ platform: 'slack', side: 'employee', url: 'https://slack.com/archives/C1/p1' }, { platform: 'discord', side: 'customer', url: 'https://discord.com/channels/g/t' }, { platform: 'teams', side: 'employee', url: null }],
});
const resolved = (solution: TranscriptMessage | null, extra: Partial<QuestionResolvedEvent> = {}): QuestionResolvedEvent => ({
  type: 'question.resolved', conversationId: 'c1', communityId: 'acme', solution: solution && { messageId: solution.id, platform: solution.platform, authorId: solution.author.userId },
  acceptedBy: { kind: 'person', platform: 'discord', userId: 'ann' }, at: '2026-12-03T09:00:00Z', ...extra,
});

describe('drafts from transcripts', () => {
  it('should take the question, the answer and nearby public replies but never an internal note, a deleted message or a bot when a question is resolved', () => {
    const question = msg(ann, 'Sync stops after login. What now?', { isQuestion: true });
    const followUp = msg(ann, 'Sync stops on version 2.');
    const note = msg(erin, '// she is on the legacy plan', { internal: true });
    const deleted = msg(cora, 'I deleted this', { deleted: true });
    const botPost = msg(bot, 'Beep');
    const answer = msg(erin, 'Log out, then sync again after login.');
    const thanks = msg(ann, 'That fixed the sync, thanks!');
    const draft = buildDraft(transcript([question, followUp, note, deleted, botPost, answer, thanks]), resolved(answer));
    if (typeof draft === 'string') throw new Error(draft);

    expect(draft.parts.map((part) => [part.role, part.messageId])).toEqual([['question', question.id], ['question', followUp.id], ['answer', answer.id], ['context', thanks.id]]);
    expect(JSON.stringify(draft)).not.toContain('legacy plan');
    expect(draft.contributors).toEqual([
      { role: 'answerer', platform: 'slack', userId: 'U-erin', displayName: 'Erin' },
      { role: 'accepter', platform: 'discord', userId: 'ann', displayName: 'Ann' },
      { role: 'asker', platform: 'discord', userId: 'ann', displayName: 'Ann' },
    ]);
    expect(draft.sources).toEqual([{ platform: 'discord', url: 'https://discord.com/channels/g/t' }, { platform: 'slack', url: 'https://slack.com/archives/C1/p1' }]);
    expect(draft.tags).toEqual(['sync', 'login']);
    expect(draft.actor).toEqual({ kind: 'person', platform: 'discord', userId: 'ann' });
  });

  it('should keep the nearest replies within the limits when the conversation is long', () => {
    const question = msg(ann, 'Q', { isQuestion: true });
    const before = [1, 2, 3, 4, 5].map((i) => msg(cora, `before ${i}`));
    const answer = msg(erin, 'A');
    const after = [1, 2, 3].map((i) => msg(cora, `after ${i}`));
    const draft = buildDraft(transcript([question, ...before, answer, ...after]), resolved(answer), { ...CAPTURE_LIMITS, contextBefore: 2, contextAfter: 1 });
    if (typeof draft === 'string') throw new Error(draft);
    expect(draft.parts.filter((part) => part.role === 'context').map((part) => part.text)).toEqual(['before 4', 'before 5', 'after 1']);

    const long = 'x'.repeat(900);
    const crowded = buildDraft(transcript([question, msg(cora, long), msg(cora, long), answer, msg(cora, long)]), resolved(answer), { ...CAPTURE_LIMITS, contextTotal: 2_000 });
    if (typeof crowded === 'string') throw new Error(crowded);
    // The two nearest the answer fit; the farthest does not.
    expect(crowded.parts.filter((part) => part.role === 'context')).toHaveLength(2);
  });

  it('should make no draft when the solution is missing, hidden, the question itself or absent', () => {
    const question = msg(ann, 'Q', { isQuestion: true });
    const note = msg(erin, '// internal', { internal: true });
    const gone = msg(erin, 'gone', { deleted: true });
    const all = transcript([question, note, gone]);
    expect(buildDraft(all, resolved(null))).toBe('no-solution');
    expect(buildDraft(all, resolved(msg(erin, 'elsewhere')))).toBe('solution-missing');
    expect(buildDraft(all, resolved(note))).toBe('solution-hidden');
    expect(buildDraft(all, resolved(gone))).toBe('solution-hidden');
    expect(buildDraft(all, resolved(question))).toBe('solution-is-question');
  });

  it('should tag what the title names and the answer repeats, most used first, when deriving tags', () => {
    // Equal use: the longer (more specific) word first; "empty" is not in the answer, "PDF" too short.
    expect(deriveTags({ title: 'Invoice PDF export is empty', question: 'The invoice export gives an empty PDF.', answer: 'Re-create the invoice, then export the PDF again.' })).toEqual(['invoice', 'export']);
    expect(deriveTags({ title: 'Hi', question: 'Hi', answer: 'Hello' })).toEqual([]);
    expect(deriveTags({ title: 'Miksi synkronointi pysähtyy', question: 'Synkronointi pysähtyy', answer: 'Käynnistä synkronointi uudelleen' }, 'fi')).toEqual(['synkronointi']);
  });
});
