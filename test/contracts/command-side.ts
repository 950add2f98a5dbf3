import type { Platform } from '../../core/domain/types.ts';
import type { ReviewCardView } from '../../core/ports/delivery.ts';

/** Who runs a command in the contract suite: the side maps each to a person with that privilege on its platform. */
export type CommandPersona = 'moderator' | 'staff' | 'asker' | 'member';

/** Heimo's answer to a command as the person sees it. */
export interface SeenReply {
  text: string;
  /** True when only the person who ran it sees it (Discord ephemeral, Slack ephemeral/response_url, Teams invoke reply). */
  private: boolean;
}

/** Where a question lives on this side's platform (the Discord thread, the Slack/Teams card). */
export interface QuestionPlace {
  conversationId: string;
  channelId: string;
  threadId: string;
  /** The card's message id (Slack ts, Teams activity id); the question message on Discord. */
  cardMessageId: string;
}

/**
 * A form Heimo opened as the person sees it (a Discord modal, a Slack modal, a Teams card of
 * inputs): its fields' values, and submitting it with some of them changed, as the same person.
 */
export interface SeenForm {
  values: Record<string, string>;
  submit(changes: Record<string, string>): Promise<SeenReply>;
}

/**
 * What the command contract suite needs from one platform: run a command, a message action or a
 * button as a persona, the way a person does it on that platform (Discord `/heimo` and the context
 * menu, Slack `/heimo` with the question's link, message shortcuts and card buttons, Teams bot
 * commands in the card's reply chain and card actions), and read the answer.
 */
export interface CommandSide {
  platform: Platform;
  /** `/heimo <command>` (or the platform's form), on the question when given, else in the channel. */
  run(request: { command: string; args?: Record<string, string>; as: CommandPersona; question?: QuestionPlace }): Promise<SeenReply>;
  /** The message action "Mark as solution" on a message of the question (its id on this platform). */
  markSolution(request: { messageId: string; as: CommandPersona; question: QuestionPlace }): Promise<SeenReply>;
  /** Presses a button Heimo put on the card (Slack, Teams) or in a prompt (Discord): `resolve`, `reopen`, `claim`... */
  press(request: { action: string; as: CommandPersona; question: QuestionPlace }): Promise<SeenReply>;
  /** The message action "Add to knowledge base" on a message of the question (its id on this platform). */
  addToKnowledgeBase(request: { messageId: string; as: CommandPersona; question: QuestionPlace }): Promise<SeenReply>;
  /** Runs a command that opens a form (`kb add` with nothing typed), the platform's way; fails when no form opened. */
  runForm(request: { command: string; args?: Record<string, string>; as: CommandPersona }): Promise<SeenForm>;
  /**
   * Presses `action` (`kb publish`, `kb reject`) on the review card Heimo posts for `card`; on
   * Discord, which has no review cards, the person types the command with the article instead.
   */
  pressReview(request: { action: string; card: ReviewCardView; as: CommandPersona }): Promise<SeenReply>;
  /** Presses the review card's Edit (`kb edit`), which opens the article in a form. */
  pressReviewForm(request: { action: string; card: ReviewCardView; as: CommandPersona }): Promise<SeenForm>;
  close(): Promise<void>;
}
