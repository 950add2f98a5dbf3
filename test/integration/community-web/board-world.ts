import type { Server } from 'node:http';
import express from 'express';
import { createCommunityWeb } from '../../../bots/app/community-web/create-community-web.ts';
import { createHttpServer, listen } from '../../../bots/app/http-server.ts';
import { createStandings } from '../../../core/credits/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createPrivacy } from '../../../core/privacy/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { NOW, seedStandings, STANDINGS_CREDITS, type SeededPeople } from '../credits/standings-seed.ts';

/** Heimo's HTTP server with the community web on the real database: the standings' people, some of whom consented. */
export interface BoardWorld {
  db: TestDatabase;
  people: SeededPeople;
  url: string;
  stop(): Promise<void>;
}

/**
 * Ann consented on one of her two accounts, Sam (staff) and the lone account consented too; Ben
 * never chose. Ann holds the Helper tier.
 */
export async function startBoardWorld(): Promise<BoardWorld> {
  const db = await createTestDatabase();
  let server: Server | undefined;
  try {
    const people = await seedStandings(db);
    const logger = createLogger({ level: 'silent' });
    const privacy = createPrivacy({ database: db, jobs: createTestJobs(db), erasers: [], logger });
    for (const [platform, userId] of [['discord', 'd-ann2'], ['slack', 'U-SAM'], ['discord', 'd-lone']] as const) await privacy.setChoices({ platform, userId }, { showOnBoard: true });
    const standings = createStandings({ database: db, identity: people.identity, now: () => NOW, tierOf: async () => new Map([[people.ann.id, 'helper']]), credits: () => STANDINGS_CREDITS });
    const pages = createCommunityWeb({ standings, consents: privacy.consents, communities: () => [{ id: 'acme', name: 'Acme' }, { id: 'ties', name: 'Ties' }], logger });
    server = createHttpServer({ routes: [], ops: express.Router(), pages, logger });
    const port = await listen(server, 0, '127.0.0.1');
    const open = server;
    return { db, people, url: `http://127.0.0.1:${port}`, stop: async () => (await new Promise<void>((resolve) => open.close(() => resolve())), await db.dispose()) };
  } catch (error) {
    server?.close();
    await db.dispose();
    throw error;
  }
}
