// The conversations capability: the relay turns inbound message events into stored messages and
// outbox rows. What other modules and the composition root may use of it is exported here.

export { createRelay, type RelayConfig } from './create-relay.ts';
export type {
  AppendResult,
  ConversationState,
  NewMessageInput,
  ReactedMessage,
  ReactionInput,
  ReactionResult,
  RelayStore,
  ThreadContext,
  WriteScope,
} from './port.ts';
export { createSqlRelayStore } from './sql-relay-store.ts';
export { createSqlConversationLookups, type ConversationLookups, type ConversationSummary, type EmployeeCard, type ThreadKey } from './sql-lookups.ts';
export {
  createQuestionFlow,
  type ArrivingQuestion,
  type DeletedMessage,
  type GratitudeDetector,
  type OpenedQuestion,
  type QuestionExtra,
  type QuestionFlow,
  type QuestionFlowConfig,
  type QuestionPreparer,
  type ReplyChange,
  type Thanks,
} from './question-flow.ts';
export { createSqlTranscripts, threadUrl, type Transcript, type TranscriptAuthor, type TranscriptLink, type TranscriptMessage, type TranscriptReader } from './sql-transcript.ts';
export { createConversationsEraser } from './sql-conversations-eraser.ts';
