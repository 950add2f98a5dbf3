-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "writtenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WatchedChannel" (
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WatchedChannel_pkey" PRIMARY KEY ("platform","channelId")
);
