-- The job system (core/jobs): domain events capabilities publish to each other, and delayed timers.
-- Both are written in the transaction of the change that causes them, then carried by the queue.

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "conversationId" TEXT,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DomainEvent_dispatchedAt_createdAt_idx" ON "DomainEvent"("dispatchedAt", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_conversationId_createdAt_idx" ON "DomainEvent"("conversationId", "createdAt");

-- Every set of a timer takes a new version from this sequence: a version is never reused, even after
-- a clear, so a stale queued job (named by key and version) can never fire a later timer.
CREATE SEQUENCE "Timer_version_seq";

-- CreateTable
CREATE TABLE "Timer" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "version" BIGINT NOT NULL DEFAULT nextval('"Timer_version_seq"'),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Timer_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Timer_dueAt_idx" ON "Timer"("dueAt");
