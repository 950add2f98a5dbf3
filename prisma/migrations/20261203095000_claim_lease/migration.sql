-- A claimed outbox entry is leased to the drain that claimed it: another drain of the same stream
-- (a job whose lock expired under load and was taken back while its first run still delivers) skips
-- it until the lease ends, instead of posting it a second time. The token tells the claims apart.
ALTER TABLE "OutboxEntry" ADD COLUMN "claimedUntil" TIMESTAMP(3);
ALTER TABLE "OutboxEntry" ADD COLUMN "claimToken" TEXT;
