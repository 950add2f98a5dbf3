-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorPlatform" TEXT,
    "actorUserId" TEXT,
    "actorDisplayName" TEXT,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resolution" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "solutionMessageId" TEXT NOT NULL,
    "solutionPlatform" TEXT NOT NULL,
    "solutionAuthorId" TEXT NOT NULL,
    "acceptedByKind" TEXT NOT NULL,
    "acceptedByPlatform" TEXT,
    "acceptedByUserId" TEXT,
    "acceptedByDisplayName" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "Resolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatusChange_conversationId_at_idx" ON "StatusChange"("conversationId", "at");

-- CreateIndex
CREATE INDEX "Resolution_conversationId_idx" ON "Resolution"("conversationId");

-- A question has at most one current solution; retired ones stay as its history.
CREATE UNIQUE INDEX "Resolution_current_key" ON "Resolution"("conversationId") WHERE "current";

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_solutionMessageId_fkey" FOREIGN KEY ("solutionMessageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
