-- CreateTable
CREATE TABLE "SatisfactionSurvey" (
    "conversationId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "askerPlatform" TEXT NOT NULL,
    "askerUserId" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "score" INTEGER CHECK ("score" BETWEEN 1 AND 5),
    "ratedAt" TIMESTAMP(3),

    CONSTRAINT "SatisfactionSurvey_pkey" PRIMARY KEY ("conversationId")
);

-- CreateIndex
CREATE INDEX "SatisfactionSurvey_communityId_askerPlatform_askerUserId_as_idx" ON "SatisfactionSurvey"("communityId", "askerPlatform", "askerUserId", "askedAt");

-- CreateIndex
CREATE INDEX "SatisfactionSurvey_communityId_ratedAt_idx" ON "SatisfactionSurvey"("communityId", "ratedAt");
