import { createClocks, type Clocks } from '../../../core/clocks/index.ts';
import { createSqlConversationLookups, createSqlRelayStore } from '../../../core/conversations/index.ts';
import { defineCommunity, type NetworkConfig, type TeamConfig } from '../../../core/domain/network.ts';
import type { DeliveryStream } from '../../../core/domain/outbox.ts';
import { createLifecycle, createSqlLifecycleStore } from '../../../core/lifecycle/index.ts';
import { createSqlOutboxStore, createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { createOwners, type Owners } from '../../../core/owners/index.ts';
import type { CommandServices } from '../../../core/commands/index.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import { createCommandServices } from '../../../core/questions/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/index.ts';
import { createCommandPort } from '../../../bots/app/commands/create-command-port.ts';
import { createSqlAuditStore } from '../../../core/audit/index.ts';
import { sqlRunner } from '../../../core/infra/store/sql-support.ts';
import { createRecordingLogger, TEST_PERMISSIONS } from '../../support/command-fixtures.ts';
import type { TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

/** Support answers in Slack channel S-support, Billing in S-billing; both count business time around the clock. */
export const SUPPORT: TeamConfig = { id: 'support', name: 'Support', destination: { platform: 'slack', channelId: 'S-support' }, capacity: 5 };
export const BILLING: TeamConfig = { id: 'billing', name: 'Billing', destination: { platform: 'slack', channelId: 'S-billing' }, capacity: 5 };

/** Two communities: acme (guild g1) with both teams, and other (guild g2) whose Slack channel is S-other. */
export const NETWORK: NetworkConfig = {
  communities: [
    defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [{ discordChannelId: 'help', destination: SUPPORT.destination }], teams: [SUPPORT, BILLING], permissions: TEST_PERMISSIONS }),
    defineCommunity({ id: 'other', name: 'Other', discordGuildId: 'g2', routes: [{ discordChannelId: 'other-help', destination: { platform: 'slack', channelId: 'S-other' } }], permissions: TEST_PERMISSIONS }),
  ],
  internalMarkers: ['//'],
};

/** A question as seeded: its ids on Discord and on the Slack card, and the employee answer in it. */
export interface Seeded {
  conversationId: string;
  discordThreadId: string;
  cardTs: string;
  /** Heimo's id of the employee's answer, and the id of Heimo's copy of it in the Discord thread. */
  answerId: string;
  answerCopyId: string;
  /** The answer's Slack ts (its id where it was written). */
  answerExternalId: string;
}

/** The real modules on a test database, with the services and the command port over them. */
export interface ServicesFixture {
  jobs: TestJobs;
  owners: Owners;
  clocks: Clocks;
  services: CommandServices;
  port: CommandPort;
  scheduled: DeliveryStream[];
  seed(options?: { communityId?: string; askedAt?: Date; team?: TeamConfig | null; answered?: boolean; title?: string }): Promise<Seeded>;
  rows<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

let counter = 0;

/** Builds lifecycle, owners, clocks, routing and the outbox on `db`, and the services and port over them. */
export function servicesFixture(db: TestDatabase): ServicesFixture {
  const jobs = createTestJobs(db);
  const outbox = createSqlOutboxWriter();
  const teams = (communityId: string, teamId: string) => NETWORK.communities.find((c) => c.id === communityId)?.teams.find((t) => t.id === teamId);
  const owners = createOwners({ database: db, jobs, outbox, teams });
  const clocks = createClocks({ database: db, jobs, outbox, teams });
  const lifecycle = createLifecycle({ jobs, store: createSqlLifecycleStore(), network: () => NETWORK, outbox, hasOwner: async (tx, id) => (await tx.query(`SELECT 1 FROM "QuestionOwner" WHERE "conversationId" = $1::text`, [id])).rows.length > 0 });
  const conversations = createSqlConversationLookups(db);
  const routes = createSqlRoutingStore(db);
  const scheduled: DeliveryStream[] = [];
  const services = createCommandServices({
    network: () => NETWORK, jobs, lifecycle, owners, clocks, conversations, routes, outbox,
    deadLetters: createSqlOutboxStore(db),
    schedule: async (streams) => void scheduled.push(...streams),
  });
  const port = createCommandPort({ network: () => NETWORK, services, conversations, audit: createSqlAuditStore(sqlRunner(db)), logger: createRecordingLogger().logger });
  const rows = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => (await db.pool.query<R>(sql, params)).rows;

  const seed: ServicesFixture['seed'] = async (options = {}) => {
    const n = ++counter;
    const communityId = options.communityId ?? 'acme';
    const team = options.team === undefined ? SUPPORT : options.team;
    const destination = team?.destination ?? { platform: 'slack' as const, channelId: 'S-other' };
    const relay = createSqlRelayStore(db);
    const cardTs = `1700000000.${String(n).padStart(6, '0')}`;
    const opened = await relay.openConversation({
      communityId, title: options.title ?? `Question ${n}`, destination,
      message: { platform: 'discord', channelId: `t${n}`, externalId: `q${n}`, author: { platform: 'discord', externalId: 'asker', displayName: 'Asker', isBot: false }, text: `Question ${n}?`, internal: false },
      links: [
        { platform: 'discord', side: 'customer', channelId: `t${n}`, threadId: `t${n}`, cardMessageId: null, url: `https://discord.com/channels/g1/t${n}` },
        { platform: 'slack', side: 'employee', channelId: destination.channelId, threadId: cardTs, cardMessageId: cardTs, url: null },
      ],
      deliveries: () => [],
    });
    if (!opened) throw new Error('seed: not created');
    const { conversationId } = opened;
    if (options.askedAt) await db.pool.query(`UPDATE "Conversation" SET "createdAt" = $2::timestamp WHERE "id" = $1::text`, [conversationId, options.askedAt.toISOString()]);
    if (team !== null) await routes.save({ conversationId, communityId, teamId: team.id, rule: 'fallback', tierId: null, language: null, routedAt: new Date() });
    let answerId = '';
    const answerCopyId = `copy-a${n}`;
    if (options.answered ?? true) {
      const reply = await relay.appendMessage({
        conversationId, expectedStatus: 'open', deliveries: () => [],
        message: { platform: 'slack', channelId: destination.channelId, externalId: `a${n}`, author: { platform: 'slack', externalId: 'U-erin', displayName: 'Erin', isBot: false }, text: 'Try this.', internal: false },
      });
      if (reply.status !== 'stored') throw new Error('seed: answer not stored');
      answerId = reply.messageId;
      // Heimo's copy of the answer in the Discord thread: what a customer marks as the solution there.
      await db.pool.query(`INSERT INTO "MessageCopy" ("id", "messageId", "platform", "channelId", "externalId", "part") VALUES ($1::text, $2::text, 'discord', $3::text, $4::text, 0)`, [`mc${n}`, answerId, `t${n}`, answerCopyId]);
    }
    return { conversationId, discordThreadId: `t${n}`, cardTs, answerId, answerCopyId, answerExternalId: `a${n}` };
  };

  return { jobs, owners, clocks, services, port, scheduled, seed, rows };
}
