// The outbox capability: the delivery worker that sends stored outbox rows to each platform in
// order, and the delivery status operators read. Its public surface is exported here.

export {
  createDeliveryWorker,
  type DeliveryQueueFactory,
  type DeliveryWorker,
  type DeliveryWorkerConfig,
  type PlatformPace,
} from './create-delivery-worker.ts';
export { formatDeliveryStatus, readDeliveryStatus, type DeliveryStatusSource, type PlatformDeliveryStatus } from './delivery-status.ts';
export { deliveryQueueName, enqueueDrains } from './drain-jobs.ts';
export type { Deliveries } from './execute-delivery.ts';
export type { PostedReviewCard, ReviewCards } from './execute-review.ts';
export { cardActions, cardDetails, type CardClock, type CardSources, type CardSuggestion } from './card-details.ts';
export { ACCEPT_SUGGESTION_COMMAND } from './execute-suggestions.ts';
export type { KnowledgeSources, SuggestedArticle } from './knowledge-sources.ts';
export type {
  ClaimedEntry,
  ConversationView,
  DeadDelivery,
  DeliveryEffect,
  OutboxRecord,
  OutboxStore,
  OutboxWriter,
  PlatformBacklog,
} from './port.ts';
export { createSqlOutboxStore } from './sql-outbox-store.ts';
export { orderKey } from './order-key.ts';
export { createSqlOutboxWriter, insertOutboxEntries, type OutboxWakeUp } from './sql-outbox-writer.ts';
export { createOutboxEraser } from './sql-outbox-eraser.ts';
