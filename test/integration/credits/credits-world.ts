import type { Transcript, TranscriptReader } from '../../../core/conversations/index.ts';
import { createCredits, type CreditsService } from '../../../core/credits/index.ts';
import type { DomainEvent } from '../../../core/domain/domain-events.ts';
import { DEFAULT_CREDITS, defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { Platform } from '../../../core/domain/types.ts';
import { createIdentity, type IdentityService } from '../../../core/identity/index.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import type { RoutingStore } from '../../../core/routing/index.ts';
import type { TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

// The credits capability on the real database with the real identity and routing store; the
// conversations' transcripts and routing's routes are what each test writes (the ports credits reads them through).

/** `acme` has the default rules; `tight` small daily caps; both name `d-staff` staff. */
export const NETWORK: NetworkConfig = {
  communities: [
    defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], staff: { emailDomains: [], emails: [], accounts: [{ platform: 'discord', userId: 'd-staff' }] } }),
    defineCommunity({
      id: 'tight', name: 'Tight', discordGuildId: 'g2', routes: [], staff: { emailDomains: [], emails: [], accounts: [] },
      credits: { ...DEFAULT_CREDITS, rules: { ...DEFAULT_CREDITS.rules, receiverDailyCap: 5, giverDailyCap: 4 } },
    }),
  ],
  internalMarkers: [],
};

/** One message a test writes into a thread. */
export interface Said {
  id: string;
  platform?: Platform;
  userId: string;
  name?: string;
  isBot?: boolean;
  isAsker?: boolean;
  at: Date;
}

/** Log lines of one world, with their fields. */
export type LogLine = { level: string; message: string } & Record<string, unknown>;

/** What a credits test works with. */
export interface CreditsWorld {
  jobs: TestJobs;
  identity: IdentityService;
  /** Marks a question routed to a team; its card reached staff unless `cardPosted` is false (still in the community window). */
  route(conversationId: string, cardPosted?: boolean): void;
  credits: CreditsService;
  logs: LogLine[];
  /** The clock the capability reads; tests move it. */
  now: { at: Date };
  thread(conversationId: string, communityId: string, messages: Said[]): void;
  publish(event: DomainEvent): Promise<void>;
  ledger(where?: string, params?: unknown[]): Promise<LedgerRow[]>;
}

/** A ledger row as tests read it. */
export type LedgerRow = { id: string; userId: string; points: number; reason: string; giverUserId: string | null; staff: boolean; reversesId: string | null; note: string | null; sourceKey: string; communityId: string };

function recording(lines: LogLine[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>): void => void lines.push({ level, message, ...fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

/** Builds the world over a migrated test database. */
export function creditsWorld(db: TestDatabase): CreditsWorld {
  const jobs = createTestJobs(db);
  const logs: LogLine[] = [];
  const now = { at: new Date('2026-12-03T10:00:00Z') };
  const threads = new Map<string, Transcript>();
  const carded = new Set<string>();
  // A question whose card was posted has the card's link on the employee side.
  const transcripts: TranscriptReader = {
    transcript: async (id) => {
      const thread = threads.get(id);
      return thread === undefined ? null : carded.has(id) ? { ...thread, links: [{ platform: 'slack', side: 'employee', url: null }] } : thread;
    },
  };
  const identity = createIdentity({ database: db, jobs, network: () => NETWORK, logger: recording([]), now: () => now.at });
  const routed = new Set<string>();
  const routes: Pick<RoutingStore, 'find'> = {
    find: async (conversationId) => (routed.has(conversationId) ? { conversationId, communityId: 'acme', teamId: 'support', rule: 'fallback', tierId: null, language: 'en', routedAt: now.at } : null),
  };
  const credits = createCredits({ database: db, jobs, network: () => NETWORK, identity, transcripts, routes, clock: () => now.at, logger: recording(logs) });
  credits.listen();
  return {
    jobs, identity, credits, logs, now,
    route(conversationId, cardPosted = true) {
      routed.add(conversationId);
      if (cardPosted) carded.add(conversationId);
    },
    thread(conversationId, communityId, messages) {
      threads.set(conversationId, {
        conversationId, communityId, title: 'A question', status: 'resolved', links: [],
        messages: messages.map((said, index) => {
          const platform = said.platform ?? 'discord';
          return {
            id: said.id, platform, text: 'words', internal: false, deleted: false, isQuestion: index === 0, writtenAt: said.at,
            author: { platform, userId: said.userId, displayName: said.name ?? said.userId.toUpperCase(), isBot: said.isBot ?? false, side: platform === 'discord' ? 'customer' : 'employee', isAsker: said.isAsker ?? false },
          };
        }),
      });
    },
    publish: (event) => jobs.transaction(async (tx) => void (await jobs.publish(tx, event))),
    async ledger(where = 'TRUE', params = []) {
      return (await db.pool.query<LedgerRow>(`SELECT "id", "userId", "points", "reason", "giverUserId", "staff", "reversesId", "note", "sourceKey", "communityId" FROM "CreditEntry" WHERE ${where} ORDER BY "createdAt", "id"`, params)).rows;
    },
  };
}
