-- AlterTable
ALTER TABLE "OutboxEntry" ADD COLUMN     "visibleAt" TIMESTAMP(3);
