-- CreateTable
CREATE TABLE "CommandAudit" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "communityId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "conversationId" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "CommandAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommandAudit_at_idx" ON "CommandAudit"("at");
