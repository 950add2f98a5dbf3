-- Owners (issue 9): who is on a team's rota, and who owns each question.
CREATE TABLE "TeamMember" (
    "communityId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT false,
    "lastAssignedAt" TIMESTAMP(3),

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("communityId","teamId","platform","userId")
);

CREATE TABLE "QuestionOwner" (
    "conversationId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "assignedBy" TEXT NOT NULL,

    CONSTRAINT "QuestionOwner_pkey" PRIMARY KEY ("conversationId")
);

-- Round robin counts each candidate's open questions.
CREATE INDEX "QuestionOwner_platform_userId_idx" ON "QuestionOwner"("platform", "userId");

ALTER TABLE "QuestionOwner" ADD CONSTRAINT "QuestionOwner_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Clocks (issue 9): each running SLA clock (what the cards and the queue show), and each breach.
CREATE TABLE "SlaClock" (
    "conversationId" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "targetMs" BIGINT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "SlaClock_pkey" PRIMARY KEY ("conversationId","clock")
);

ALTER TABLE "SlaClock" ADD CONSTRAINT "SlaClock_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SlaBreach" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "breachedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaBreach_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SlaBreach_conversationId_clock_key" ON "SlaBreach"("conversationId", "clock");

ALTER TABLE "SlaBreach" ADD CONSTRAINT "SlaBreach_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
