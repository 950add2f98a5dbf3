import { createSqlAuditStore } from '../../../core/audit/index.ts';
import { createSqlConversationLookups, createSqlTranscripts } from '../../../core/conversations/index.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { sqlRunner } from '../../../core/infra/store/sql-support.ts';
import { createSqlOutboxStore } from '../../../core/outbox/index.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import type { CommandServices } from '../../../core/commands/index.ts';
import { createCommandServices, type CommandServicesConfig } from '../../../core/questions/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/index.ts';
import { createCommandPort } from './create-command-port.ts';

/** The running capabilities commands act through (the composition root's instances). */
export type CommandCapabilities = Pick<CommandServicesConfig, 'network' | 'jobs' | 'lifecycle' | 'owners' | 'clocks' | 'outbox' | 'schedule' | 'privacy' | 'knowledge' | 'publicUrl'>;

/** Services beyond the questions' own: the knowledge base's suggestions, the figures of `stats`, issue 11's people, credits and tiers, and satisfaction's `rate`. */
export type ExtraCommandServices = Pick<CommandServices, 'suggestions' | 'stats' | 'identity' | 'credits' | 'recognition' | 'satisfaction'>;

/** Builds the command port over the database's stores and the running capabilities; every bot gets it. */
export function createCommands(database: Database, capabilities: CommandCapabilities, logger: Logger, extra: ExtraCommandServices = {}): CommandPort {
  const conversations = createSqlConversationLookups(database);
  const services: CommandServices = {
    ...createCommandServices({
      ...capabilities,
      conversations,
      transcripts: createSqlTranscripts(database),
      routes: createSqlRoutingStore(database),
      deadLetters: createSqlOutboxStore(database),
    }),
    ...extra,
  };
  return createCommandPort({ network: capabilities.network, services, conversations, audit: createSqlAuditStore(sqlRunner(database)), logger: logger.child({ component: 'commands' }) });
}
