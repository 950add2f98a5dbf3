-- CreateTable
CREATE TABLE "ReactionTally" (
    "messageId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "holders" INTEGER NOT NULL,

    CONSTRAINT "ReactionTally_pkey" PRIMARY KEY ("messageId","platform","emoji")
);

-- AddForeignKey
ALTER TABLE "ReactionTally" ADD CONSTRAINT "ReactionTally_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill: one tally per emoji already held on a message, from the reactions recorded so far.
INSERT INTO "ReactionTally" ("messageId", "platform", "emoji", "holders")
SELECT "messageId", "platform", "emoji", COUNT(*)::int FROM "Reaction" GROUP BY "messageId", "platform", "emoji";
