-- The order key (microseconds since the epoch) of an outbox entry: when its source message was
-- written by the platform's clock; the worker claims the lowest (orderKey, seq) of a stream.
-- Existing rows take their time of storing; a row inserted without one takes the time of its insert.
ALTER TABLE "OutboxEntry" ADD COLUMN "orderKey" BIGINT;
UPDATE "OutboxEntry" SET "orderKey" = (EXTRACT(EPOCH FROM "createdAt") * 1000000)::bigint;
ALTER TABLE "OutboxEntry" ALTER COLUMN "orderKey" SET DEFAULT (EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000)::bigint;
ALTER TABLE "OutboxEntry" ALTER COLUMN "orderKey" SET NOT NULL;

-- A message's own order key: its edits, deletes and reactions are queued with it.
ALTER TABLE "Message" ADD COLUMN "orderKey" BIGINT;
UPDATE "Message" SET "orderKey" = (EXTRACT(EPOCH FROM COALESCE("writtenAt", "createdAt")) * 1000000)::bigint;
ALTER TABLE "Message" ALTER COLUMN "orderKey" SET DEFAULT (EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000)::bigint;
ALTER TABLE "Message" ALTER COLUMN "orderKey" SET NOT NULL;
