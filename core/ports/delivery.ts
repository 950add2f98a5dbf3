import type {
  Attachment,
  CanonicalText,
  ConversationStatus,
  Destination,
  EmployeePlatform,
  Platform,
  ThreadRef,
} from '../domain/types.ts';

/** A message Heimo posts on a platform on someone's behalf. */
export interface OutboundMessage {
  author: { displayName: string; avatarUrl?: string };
  text: CanonicalText;
  /** Internal notes appear only on the employee side, visibly marked. */
  internal: boolean;
  /** Stable per delivery (the outbox entry id): platforms that support it dedupe on it. */
  idempotencyKey: string;
  /** True when an earlier attempt may have reached the platform: check before posting again. */
  isRetry: boolean;
  /**
   * Files to post with the message, fetched from the source platform. Files the adapter cannot
   * post (too large for the platform) are named in a line of text instead, never dropped.
   */
  files?: OutboundFile[];
  /** Attachments that could not be fetched (too large to carry): the adapter names them. */
  unfetched?: Attachment[];
  /**
   * On an edit: every file of the message. The post keeps the files it carries; the adapter names
   * again those it does not carry, whatever kept them off (size, gone at the source).
   */
  attachments?: Attachment[];
}

/** A file Heimo posts with a message, already fetched from its source platform. */
export interface OutboundFile {
  name: string;
  data: Uint8Array;
  mimeType?: string;
}

/** Operations every platform adapter performs inside a thread. */
export interface ChatDelivery {
  readonly platform: Platform;
  /** The largest file this adapter posts with a message; 0 when it posts none (they are named instead). */
  readonly maxFileBytes: number;
  /** The most bytes of files one message carries in all (what one platform request takes); the rest are named. */
  readonly maxMessageFileBytes: number;
  /** Posts the message, split as the platform requires; returns every part's id in order. */
  postMessage(thread: ThreadRef, message: OutboundMessage): Promise<string[]>;
  /** Replaces the text of an earlier post; returns the parts' ids afterwards (parts may be added or removed). */
  editMessage(thread: ThreadRef, partIds: string[], message: OutboundMessage): Promise<string[]>;
  /** Deletes every part of an earlier post; a part already gone is not an error. */
  deleteMessage(thread: ThreadRef, partIds: string[]): Promise<void>;
  /**
   * Adds (`added`) or removes Heimo's own reaction, a Unicode emoji, on a message in `channelId`.
   * Already there, already gone or a message since deleted is not an error. Only called where
   * `canBotReact(platform)` holds.
   */
  react(target: ReactionTarget, emoji: string, added: boolean): Promise<void>;
  /**
   * Downloads a file attached to a message on this platform, with this bot's credentials where the
   * platform requires them (only to the platform's own hosts). Throws TOO_LARGE for a file over
   * `maxBytes`, PLATFORM_REJECTED for one the platform will not serve (deleted, not its own URL).
   */
  fetchFile(attachment: Attachment, maxBytes: number): Promise<Uint8Array>;
}

/** A message Heimo reacts on: the channel it lives in (Discord: the thread) and its id. */
export interface ReactionTarget {
  channelId: string;
  messageId: string;
}

/** The customer side (Discord): also opens a thread for a question asked in a channel. */
export interface CustomerDelivery extends ChatDelivery {
  readonly platform: 'discord';
  /** Opens (or finds) the thread for a question message; a forum post is already its own thread. */
  openThread(request: { channelId: string; messageId: string; title: string }): Promise<ThreadRef>;
  /** Shows the status: the forum post's tag (created on demand) where its forum has tags, else a status line in the thread. */
  showStatus?(thread: ThreadRef, view: StatusView): Promise<void>;
  /** Posts Heimo's own message with buttons in the thread; returns its id. */
  postPrompt?(thread: ThreadRef, prompt: PromptView): Promise<string>;
  /** Posts the articles suggested to a new question, each with a "This solved it" button; returns its id. */
  postSuggestions?(thread: ThreadRef, view: SuggestionsView): Promise<string>;
  /** Grants (`held`) or takes back a member's role (ambassador tiers); already so, or a member who left, is not an error. */
  setMemberRole?(guildId: string, userId: string, roleId: string, held: boolean): Promise<void>;
  /** The role ids a member holds now (reconciling tier roles at start); null when they are not in the server. */
  memberRoles?(guildId: string, userId: string): Promise<string[] | null>;
  /** Posts Heimo's own message in a channel (a promotion announcement); the idempotency key keeps a retry from posting twice. Returns its id. */
  postChannelMessage?(channelId: string, notice: NoticeView): Promise<string>;
  /** Tells one member privately (a direct message: their promotion). */
  postDirect?(userId: string, notice: NoticeView): Promise<void>;
}

/** Articles suggested to a question in its Discord thread. */
export interface SuggestionsView {
  conversationId: string;
  /** The line above the suggestions ("These answers may help:"), in the community's language. */
  intro: CanonicalText;
  suggestions: SuggestedArticleView[];
  idempotencyKey: string;
  isRetry: boolean;
}

/** One suggested article: its title, a short excerpt, its page, and the button that accepts it. */
export interface SuggestedArticleView {
  articleId: string;
  title: string;
  excerpt: CanonicalText;
  /** The article's page (absent when the community has no public base URL). */
  url?: string;
  /** The "This solved it" button: runs `kb accept` with the article and the question. */
  action: CardAction;
}

/** A draft article's review card: what was captured, and Publish / Edit / Reject. */
export interface ReviewCardView {
  articleId: string;
  title: string;
  question: CanonicalText;
  answer: CanonicalText;
  /** The state as people read it ("Draft", "Published by Aino"). */
  stateLabel: string;
  /** Tags, contributors, source links, stale flags: already worded. */
  facts: CardFact[];
  /** Publish, Edit, Reject while a draft; none once decided. */
  actions: CardAction[];
  idempotencyKey: string;
  isRetry: boolean;
}

/** What the employee card shows about a conversation. */
export interface CardView {
  conversationId: string;
  communityName: string;
  asker: { displayName: string; avatarUrl?: string };
  title: string;
  text: CanonicalText;
  status: ConversationStatus;
  customerThreadUrl: string;
  idempotencyKey: string;
  isRetry: boolean;
  /** The status as people read it, in the community's language ("Open", "Avoin"...). */
  statusLabel?: string;
  /** Lines the card shows under the question, already worded: owner, team and rule, clocks, breaches, a move. */
  facts?: CardFact[];
  /** Buttons the card offers in this status (Resolve, Reopen, Claim...), already labelled. */
  actions?: CardAction[];
}

/** One labelled line of a card ("Owner: Aino", "SLA: first response due 14:00, breached"). */
export interface CardFact {
  label: string;
  value: string;
  /** Shown as a warning (a breached clock). */
  alert?: boolean;
}

/** A button on a card or a prompt: the command it runs and its label. */
export interface CardAction {
  /** The registry command it runs: `resolve`, `reopen`, `claim` (the idle prompt's Solved resolves, Still need help reopens). */
  command: string;
  label: string;
  style?: 'primary' | 'danger' | 'default';
  /** Arguments the button passes to its command (an article's id for `kb publish`). */
  args?: Readonly<Record<string, string>>;
}

/** A question's status as Discord shows it: a forum tag where the forum has tags, else a short status line. */
export interface StatusView {
  status: ConversationStatus;
  /** The status in the community's language, e.g. "Solved" (the forum tag's name, the line's text). */
  label: string;
  idempotencyKey: string;
}

/** A message from Heimo itself with buttons (the idle prompt "Did this solve it?"). */
export interface PromptView {
  /** The question the prompt is about: its buttons carry it (Discord custom_id), so a press needs no lookup by thread. */
  conversationId: string;
  text: CanonicalText;
  actions: CardAction[];
  /** A Discord role the post pings (ambassadors, when a question's community window starts); the adapter mentions it. */
  mentionRoleId?: string;
  idempotencyKey: string;
  isRetry: boolean;
}

/** A message from Heimo itself to people: an escalation, a moved card's note, an assignment notice. */
export interface NoticeView {
  text: CanonicalText;
  /**
   * Who to ping before the text, as the network file names them (an escalation's `mention`): the
   * employee platform writes it as its own mention (Slack: a user group `S…` or person `U…`).
   */
  mention?: string;
  idempotencyKey: string;
  isRetry: boolean;
}

/** Where a posted card lives: its message, and the thread replies go in. */
export interface CardRef extends ThreadRef {
  cardMessageId: string;
}

/** The employee side (Slack, Teams): posts and updates the conversation card. */
export interface EmployeeDelivery extends ChatDelivery {
  readonly platform: EmployeePlatform;
  /** Posts the card in the destination channel; its thread is where the conversation continues. */
  postCard(destination: Destination, card: CardView): Promise<CardRef>;
  /** Updates the card in place (status changes). */
  updateCard(destination: Destination, card: CardRef, view: CardView): Promise<void>;
  /** Posts Heimo's own message in a channel (an escalation), or in a card's thread when `thread` is given (a moved card's note). */
  postNotice?(destination: Destination, notice: NoticeView, thread?: ThreadRef): Promise<string>;
  /** Tells one person privately (a direct message): the assignee of a question. */
  postDirect?(userId: string, notice: NoticeView): Promise<void>;
  /** Posts a draft article's review card in the review channel; returns the card's message id. */
  postReviewCard?(destination: Destination, view: ReviewCardView): Promise<string>;
  /** Updates a review card in place. */
  updateReviewCard?(destination: Destination, messageId: string, view: ReviewCardView): Promise<void>;
  /** The person's e-mail in the workspace directory (Slack profile, Teams member); undefined when it does not say. */
  emailOf?(userId: string): Promise<string | undefined>;
}
