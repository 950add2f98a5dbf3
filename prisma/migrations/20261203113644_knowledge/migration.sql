-- DropForeignKey
ALTER TABLE "Resolution" DROP CONSTRAINT "Resolution_solutionMessageId_fkey";

-- AlterTable
ALTER TABLE "Resolution" ADD COLUMN     "articleId" TEXT,
ALTER COLUMN "solutionMessageId" DROP NOT NULL,
ALTER COLUMN "solutionPlatform" DROP NOT NULL,
ALTER COLUMN "solutionAuthorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "conversationId" TEXT,
    "sourceId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "title" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "context" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "product" TEXT,
    "version" TEXT,
    "language" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "editedFields" TEXT[],
    "contributors" JSONB NOT NULL,
    "sources" JSONB NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "staleReason" TEXT,
    "lastVerifiedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "reviewCard" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticlePart" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "messageId" TEXT,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "authorPlatform" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ArticlePart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor" JSONB NOT NULL,
    "snapshot" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'shown',
    "suggestedAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyChoice" (
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "showName" BOOLEAN NOT NULL DEFAULT false,
    "indexable" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyChoice_pkey" PRIMARY KEY ("platform","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_conversationId_key" ON "Article"("conversationId");

-- CreateIndex
CREATE INDEX "Article_communityId_state_idx" ON "Article"("communityId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Article_communityId_sourceId_key" ON "Article"("communityId", "sourceId");

-- CreateIndex
CREATE INDEX "ArticlePart_articleId_idx" ON "ArticlePart"("articleId");

-- CreateIndex
CREATE INDEX "ArticlePart_messageId_idx" ON "ArticlePart"("messageId");

-- CreateIndex
CREATE INDEX "ArticlePart_authorPlatform_authorId_idx" ON "ArticlePart"("authorPlatform", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_number_key" ON "ArticleRevision"("articleId", "number");

-- CreateIndex
CREATE INDEX "Suggestion_communityId_suggestedAt_idx" ON "Suggestion"("communityId", "suggestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_conversationId_articleId_key" ON "Suggestion"("conversationId", "articleId");

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_solutionMessageId_fkey" FOREIGN KEY ("solutionMessageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticlePart" ADD CONSTRAINT "ArticlePart_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
