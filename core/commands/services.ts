import type { Actor } from '../domain/domain-events.ts';
import type { ConversationStatus, Platform } from '../domain/types.ts';
import type { Privacy } from '../privacy/index.ts';
import type { Article, KnowledgeBase } from '../knowledge/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { CreditsService } from '../credits/index.ts';
import type { RecognitionService } from '../recognition/index.ts';
import type { SatisfactionFigures, SatisfactionService } from '../satisfaction/index.ts';

/** A person acting through a command, as the domain events name them. */
export type PersonActor = Extract<Actor, { kind: 'person' }>;

/** A platform account: who is asked about, assigned or on duty. */
export interface PersonRef {
  platform: Platform;
  userId: string;
  displayName?: string;
}

/**
 * How an invocation names its question: Heimo's id, the platform thread it was run in (a Discord
 * thread, a Slack card's thread from a shortcut or button, a Teams reply chain), or text a person
 * typed (an id or a link to the thread or card) that the questions service resolves.
 */
export type QuestionRef = { conversationId: string } | { platform: Platform; channelId: string; threadId: string } | { text: string };

/** A message a message action targets (Discord's `data.resolved.messages`, a Slack shortcut's message). */
export interface TargetMessage {
  platform: Platform;
  channelId: string;
  /** The platform's message id (Discord snowflake, Slack ts, Teams activity id). */
  messageId: string;
  /** The platform user who wrote it, when the platform says. */
  authorId?: string;
}

/** A question as commands see it once found. */
export interface QuestionInfo {
  conversationId: string;
  communityId: string;
  title: string;
  status: ConversationStatus;
}

/** One of a question's clocks (targets of its tier), due in business time. */
export interface QuestionClock {
  kind: 'first-response' | 'resolution';
  dueAt: Date;
  breached: boolean;
}

/** What `status` and `queue` show of one question. */
export interface QuestionView extends QuestionInfo {
  askedAt: Date;
  assignee: PersonRef | null;
  team: { id: string; name: string } | null;
  /** Running clocks only (a met or stopped clock is left out). */
  clocks: QuestionClock[];
}

/** The knowledge base as commands use it, and where readers find an article. */
export type KnowledgeCommands = Pick<KnowledgeBase, 'get' | 'list' | 'search' | 'add' | 'edit' | 'publish' | 'reject' | 'retire' | 'verify' | 'rollback'> & {
  /**
   * The question's article with `target` as its accepted answer, captured as a resolution would
   * capture it (the asker's question, context, contributors, both sides' links): a new draft, or the
   * question's article again. NOT_FOUND when the message is not the question's; BAD_INPUT when it
   * cannot be an answer (an internal note, a deleted message, the question itself).
   */
  addFromMessage(request: { conversationId: string; target: TargetMessage; actor: PersonActor }): Promise<Article>;
  /** The article's public page; null when Heimo has no public address or the page would not show it (not published, not public). */
  pageUrl(article: Pick<Article, 'id' | 'state' | 'visibility'>): string | null;
};

/** A delivery that failed for good (see `heimo deliveries list`). */
export interface DeadDeliveryView {
  id: string;
  platform: Platform;
  kind: string;
  conversationId: string;
  attempts: number;
  createdAt: Date;
  lastError: string | null;
}

/** Suggestion figures of a community: what deflection rate and click-through are computed from. */
export interface SuggestionFigures {
  /** Questions that got at least one suggestion. */
  suggestedQuestions: number;
  /** Questions the asker resolved with a suggestion. */
  deflectedQuestions: number;
  shown: number;
  accepted: number;
}

/** Question figures of a community over recent days: how many, and how fast they were answered and solved. */
export interface QuestionFigures {
  days: number;
  asked: number;
  resolved: number;
  closed: number;
  /** Null when no question of the period got a first response (or was solved). */
  medianFirstResponseMs: number | null;
  medianResolutionMs: number | null;
}

/** What `stats` shows of a community; a part that is not wired is null. */
export interface CommunityStats {
  communityName: string;
  suggestions: SuggestionFigures | null;
  /** Search durations since this process started (null before the first search). */
  search: { count: number; p50Ms: number; p95Ms: number } | null;
  /** Articles per state, and how many published ones are stale. */
  articles: Record<'draft' | 'published' | 'rejected' | 'retired' | 'stale', number> | null;
  questions: QuestionFigures | null;
  /** Survey ratings of the same period as `questions` (null where satisfaction is not wired, or surveys are off and none was sent in the period). */
  satisfaction: SatisfactionFigures | null;
}

/**
 * The capabilities commands call, wired by the composition root to the real modules, so the
 * registry depends on no implementation. Every method acts for `actor` (recorded on the domain
 * events it causes). A refusal the person can understand is a HeimoError with code NOT_FOUND
 * (unknown team, user, delivery id), CONFLICT (a transition the status does not allow, already
 * claimed) or BAD_INPUT; its message is shown to them. Any other error is reported as a failure.
 */
export interface CommandServices {
  questions: {
    /** The question a reference names inside the community; null when there is none. */
    find(communityId: string, ref: QuestionRef): Promise<QuestionInfo | null>;
    /** True when `person` asked the question (any of their linked accounts). */
    isAsker(conversationId: string, person: PersonRef): Promise<boolean>;
  };
  lifecycle: {
    /** The question's status, owner, team and running clocks. */
    status(conversationId: string): Promise<QuestionView>;
    /** Resolves with `solution` as the accepted answer; without it, the lifecycle picks the latest employee answer. */
    resolve(request: { conversationId: string; actor: PersonActor; solution?: TargetMessage }): Promise<void>;
    reopen(request: { conversationId: string; actor: PersonActor }): Promise<void>;
    close(request: { conversationId: string; actor: PersonActor; reason?: string }): Promise<void>;
  };
  owners: {
    /** The actor takes the question. */
    claim(request: { conversationId: string; actor: PersonActor }): Promise<void>;
    /** Gives the question to `assignee` (a user id on the actor's platform); answers with their display name. */
    assign(request: { conversationId: string; actor: PersonActor; assignee: PersonRef }): Promise<{ displayName: string }>;
    /**
     * Sets whether the person takes new questions (round robin); without `onDuty`, only reports it.
     * In the team named, else the team whose destination is `channelId`, else the person's teams.
     */
    onDuty(request: { communityId: string; person: PersonRef; onDuty?: boolean; team?: string; channelId?: string }): Promise<{ onDuty: boolean }>;
  };
  routing: {
    /** Moves the question to a team named by id or name; answers with the team's name. */
    move(request: { conversationId: string; actor: PersonActor; team: string }): Promise<{ teamName: string }>;
  };
  queue: {
    /**
     * Open questions (not resolved or closed) of one team, oldest first: the team named, else the
     * team whose destination is `channelId`, else the person's own team.
     */
    list(request: { communityId: string; person: PersonRef; team?: string; channelId?: string }): Promise<{ team: { id: string; name: string }; questions: QuestionView[] }>;
  };
  /** A person's own privacy choices, and forgetting them (`privacy`). */
  privacy: Pick<Privacy, 'choices' | 'setChoices' | 'forget'>;
  /** The knowledge base's suggestions (absent where it is not wired: its buttons then never exist). */
  suggestions?: {
    /** The asker accepts a suggested article ("This solved it"): the question is resolved as deflected; answers with the article's title. */
    accept(request: { conversationId: string; articleId: string; actor: PersonActor }): Promise<{ title: string }>;
  };
  /** Figures for `stats`. */
  stats?: {
    read(communityId: string): Promise<CommunityStats>;
  };
  deliveries: {
    /** Dead deliveries of the community's conversations (a moderator sees no other community's). */
    listDead(communityId: string): Promise<DeadDeliveryView[]>;
    /** Sends the community's dead deliveries again (all without ids); NOT_FOUND names ids that are not its dead ones. */
    retry(request: { communityId: string; ids?: string[] }): Promise<{ streams: number }>;
  };
  /** Articles: search, add, edit, review and retire (`/heimo kb ...`). */
  knowledge: KnowledgeCommands;
  /** `link`, `unlink` (absent where identity is not wired: the commands then say so). */
  identity?: Pick<IdentityService, 'createLinkCode' | 'redeemLinkCode' | 'unlink' | 'peopleOf' | 'person'>;
  /** `leaderboard`, `profile`, `credit give|revoke`, `credit flags`. */
  credits?: Pick<CreditsService, 'give' | 'revoke' | 'leaderboard' | 'profile' | 'flags'>;
  /** `tier recompute`, and the tier names profiles show. */
  recognition?: Pick<RecognitionService, 'recompute' | 'holdings'>;
  /** `rate` (the survey's buttons; absent where satisfaction is not wired: the command then says so). */
  satisfaction?: Pick<SatisfactionService, 'rate'>;
}
