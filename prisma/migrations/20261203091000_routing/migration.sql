-- CreateTable
CREATE TABLE "QuestionRoute" (
    "conversationId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "tierId" TEXT,
    "language" TEXT,
    "routedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuestionRoute_pkey" PRIMARY KEY ("conversationId")
);

-- CreateIndex
CREATE INDEX "QuestionRoute_communityId_teamId_idx" ON "QuestionRoute"("communityId", "teamId");

-- AddForeignKey
ALTER TABLE "QuestionRoute" ADD CONSTRAINT "QuestionRoute_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
