-- AlterTable
ALTER TABLE "PrivacyChoice" ADD COLUMN     "showOnBoard" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "staff" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityAccount" (
    "id" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "via" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "code" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CreditEntry" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "giverPlatform" TEXT,
    "giverUserId" TEXT,
    "conversationId" TEXT,
    "articleId" TEXT,
    "messageId" TEXT,
    "reversesId" TEXT,
    "staff" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditFlag" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "members" TEXT[],
    "evidence" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "flaggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" JSONB,

    CONSTRAINT "CreditFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TierHolding" (
    "communityId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "grantedRoleId" TEXT,
    "discordUserId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierHolding_pkey" PRIMARY KEY ("communityId","identityId")
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "fromTier" TEXT,
    "toTier" TEXT,
    "direction" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TierChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmbassadorDigest" (
    "communityId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL,

    CONSTRAINT "AmbassadorDigest_pkey" PRIMARY KEY ("communityId","week")
);

-- CreateIndex
CREATE INDEX "IdentityAccount_identityId_idx" ON "IdentityAccount"("identityId");

-- CreateIndex
CREATE INDEX "IdentityAccount_email_idx" ON "IdentityAccount"("email");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityAccount_platform_userId_key" ON "IdentityAccount"("platform", "userId");

-- CreateIndex
CREATE INDEX "LinkCode_platform_userId_idx" ON "LinkCode"("platform", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditEntry_sourceKey_key" ON "CreditEntry"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "CreditEntry_reversesId_key" ON "CreditEntry"("reversesId");

-- CreateIndex
CREATE INDEX "CreditEntry_communityId_createdAt_idx" ON "CreditEntry"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "CreditEntry_platform_userId_idx" ON "CreditEntry"("platform", "userId");

-- CreateIndex
CREATE INDEX "CreditEntry_giverPlatform_giverUserId_createdAt_idx" ON "CreditEntry"("giverPlatform", "giverUserId", "createdAt");

-- CreateIndex
CREATE INDEX "CreditFlag_communityId_status_idx" ON "CreditFlag"("communityId", "status");

-- CreateIndex
CREATE INDEX "TierChange_communityId_at_idx" ON "TierChange"("communityId", "at");

-- AddForeignKey
ALTER TABLE "IdentityAccount" ADD CONSTRAINT "IdentityAccount_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
