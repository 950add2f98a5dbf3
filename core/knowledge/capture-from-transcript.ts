import type { Transcript, TranscriptMessage } from '../conversations/index.ts';
import type { QuestionResolvedEvent } from '../domain/domain-events.ts';
import { hasVisibleContent } from '../format/index.ts';
import type { CapturedDraft, CapturedPart } from './knowledge-types.ts';
import { deriveTags } from './capture-tags.ts';
import type { ArticleSource, Contributor } from './port.ts';

/** How much of a conversation becomes an article: follow-ups of the asker, context around the answer. */
export interface CaptureLimits {
  /** The asker's follow-ups before the answer taken into the question (after the opening message). */
  followUps: number;
  /** Replies before the answer taken as context. */
  contextBefore: number;
  /** Replies after the answer taken as context. */
  contextAfter: number;
  /** Characters of one context reply (longer ones are cut). */
  contextChars: number;
  /** Characters of all context together. */
  contextTotal: number;
}

/** The defaults: a question with up to 5 follow-ups; up to 3 replies before and 2 after the answer, 3,000 characters in all. */
export const CAPTURE_LIMITS: CaptureLimits = { followUps: 5, contextBefore: 3, contextAfter: 2, contextChars: 1_000, contextTotal: 3_000 };

/** Why a resolved question made no draft (logged; nothing to capture is not an error). */
export type NoDraft = 'no-solution' | 'solution-missing' | 'solution-hidden' | 'solution-is-question';

// An article's texts are bounded (40,000 characters each): a question of several long messages is cut per message.
const QUESTION_PART = 6_000;
const ANSWER_PART = 30_000;

const cut = (text: string, limit: number): string => (text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`);

// What may ever enter an article: words people wrote in public, still there. Internal notes never do.
const shareable = (message: TranscriptMessage): boolean => !message.internal && !message.deleted && !message.author.isBot && hasVisibleContent(message.text);

const partOf = (role: CapturedPart['role'], message: TranscriptMessage, text = message.text): CapturedPart => ({
  role,
  messageId: message.id,
  author: { platform: message.author.platform, userId: message.author.userId, displayName: message.author.displayName },
  text: text.trim(),
});

/** Context replies nearest the answer, before and after it, within the limits; in the order written. */
function contextOf(messages: readonly TranscriptMessage[], answerAt: number, taken: ReadonlySet<string>, limits: CaptureLimits): CapturedPart[] {
  const usable = (message: TranscriptMessage): boolean => shareable(message) && !taken.has(message.id);
  const before = messages.slice(0, answerAt).filter(usable).slice(-limits.contextBefore);
  const after = messages.slice(answerAt + 1).filter(usable).slice(0, limits.contextAfter);
  // Nearest first when the total runs out: the replies next to the answer say most about it.
  const byNearness = [...before].reverse().flatMap((message, i) => [message, after[i]]).concat(after.slice(before.length)).filter((m): m is TranscriptMessage => m !== undefined);
  const kept = new Set<string>();
  let budget = limits.contextTotal;
  for (const message of byNearness) {
    const text = cut(message.text.trim(), limits.contextChars);
    if (text.length > budget) continue;
    budget -= text.length;
    kept.add(message.id);
  }
  return [...before, ...after].filter((message) => kept.has(message.id)).map((message) => partOf('context', message, cut(message.text.trim(), limits.contextChars)));
}

const unique = (contributors: Contributor[]): Contributor[] =>
  contributors.filter((c, i) => contributors.findIndex((o) => o.role === c.role && o.platform === c.platform && o.userId === c.userId) === i);

/**
 * The draft of a resolved question from its transcript: title, the asker's question (opening
 * message and follow-ups before the answer), the accepted answer, replies around it as context,
 * tags, contributors and both sides' links. Internal notes, deleted messages and bots' posts never
 * enter it. Returns why not when there is no public answer to build from.
 */
export function buildDraft(transcript: Transcript, event: QuestionResolvedEvent, limits: CaptureLimits = CAPTURE_LIMITS): CapturedDraft | NoDraft {
  if (event.solution === null) return 'no-solution';
  const { messageId } = event.solution;
  const answerAt = transcript.messages.findIndex((message) => message.id === messageId);
  const answer = transcript.messages[answerAt];
  if (answer === undefined) return 'solution-missing';
  if (!shareable(answer)) return 'solution-hidden';
  if (answer.isQuestion) return 'solution-is-question';
  const opening = transcript.messages.find((message) => message.isQuestion);
  const followUps = transcript.messages.slice(0, answerAt).filter((message) => !message.isQuestion && message.author.isAsker && message.author.side === 'customer' && shareable(message));
  const asked = [...(opening !== undefined && shareable(opening) ? [opening] : []), ...followUps.slice(0, limits.followUps)];
  const taken = new Set([...asked.map((message) => message.id), answer.id]);
  const parts = [
    ...asked.map((message) => partOf('question', message, cut(message.text.trim(), QUESTION_PART))),
    partOf('answer', answer, cut(answer.text.trim(), ANSWER_PART)),
    ...contextOf(transcript.messages, answerAt, taken, limits),
  ];

  const nameOf = (platform: string, userId: string): string | undefined =>
    transcript.messages.find((message) => message.author.platform === platform && message.author.userId === userId)?.author.displayName;
  const { acceptedBy } = event;
  const contributors: Contributor[] = [
    { role: 'answerer', platform: answer.author.platform, userId: answer.author.userId, displayName: answer.author.displayName },
    ...(acceptedBy.kind === 'person'
      ? [{ role: 'accepter' as const, platform: acceptedBy.platform, userId: acceptedBy.userId, displayName: acceptedBy.displayName ?? nameOf(acceptedBy.platform, acceptedBy.userId) ?? acceptedBy.userId }]
      : []),
    ...(opening === undefined ? [] : [{ role: 'asker' as const, platform: opening.author.platform, userId: opening.author.userId, displayName: opening.author.displayName }]),
  ];
  // The customer's thread first: it is where the question was asked.
  const sources: ArticleSource[] = [...transcript.links]
    .sort((a, b) => (a.side === b.side ? 0 : a.side === 'customer' ? -1 : 1))
    .flatMap((link) => (link.url === null ? [] : [{ platform: link.platform, url: link.url }]));
  const question = parts.filter((part) => part.role === 'question').map((part) => part.text).join('\n\n');
  return {
    communityId: transcript.communityId,
    conversationId: transcript.conversationId,
    title: transcript.title,
    parts,
    contributors: unique(contributors),
    sources,
    tags: deriveTags({ title: transcript.title, question, answer: answer.text }),
    actor: acceptedBy,
  };
}
