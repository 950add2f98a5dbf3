import { readAppEnv } from '../../../config/app-env.ts';
import type { Env } from '../../../config/env-read.ts';
import { loadNetwork } from '../../../config/load-network.ts';
import type { NetworkConfig } from '../../../core/domain/network.ts';
import { HeimoError } from '../../../core/errors.ts';
import type { KnowledgeService } from '../../../core/knowledge/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createQueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createCapabilities } from '../create-capabilities.ts';
import { withDatabase } from '../maintenance.ts';
import { parseKbArgs } from './kb-args.ts';
import { exportArticles } from './kb-export.ts';
import { formatImport, importJsonl } from './kb-import.ts';
import { searchBatch } from './kb-search-batch.ts';
import type { ProgressOutput } from './progress.ts';

/** Where `heimo kb` writes: results on stdout, problems and progress on stderr. */
export interface KbOutput {
  print(line: string): void;
  printError(line: string): void;
  progress: ProgressOutput;
}

async function networkOf(env: Env): Promise<NetworkConfig> {
  const path = readAppEnv(env).networkPath;
  return path === null ? { communities: [], internalMarkers: [] } : loadNetwork(path);
}

/** The community rows are imported into: `--community` (one of the network file's, when there is one), or the only community. */
export function importCommunity(network: NetworkConfig, given: string | undefined): string {
  const ids = network.communities.map((community) => community.id);
  if (given !== undefined) {
    if (ids.length > 0 && !ids.includes(given)) throw new HeimoError('BAD_INPUT', `heimo kb import: no community "${given}" in the network file (communities: ${ids.join(', ')})`);
    return given;
  }
  const [only, ...others] = ids;
  if (only !== undefined && others.length === 0) return only;
  throw new HeimoError('BAD_INPUT', `heimo kb import: say which community with --community ID${ids.length === 0 ? ' (HEIMO_CONFIG names no network file)' : ` (communities: ${ids.join(', ')})`}`);
}

/**
 * Opens the knowledge base as `heimo start` builds it (same database, capabilities and consents),
 * without starting the job system: what the command commits is carried out by the running Heimo.
 */
async function withKnowledge<T>(env: Env, network: NetworkConfig, work: (knowledge: KnowledgeService) => Promise<T>): Promise<T> {
  const logger = createLogger({ level: 'warn' });
  return withDatabase(env, logger, async (database) => {
    const app = readAppEnv(env);
    const queues = await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db: database, logger });
    try {
      const capabilities = createCapabilities({ database, queues, network: () => network, schedule: async () => {}, logger });
      try {
        return await work(capabilities.knowledge);
      } finally {
        await capabilities.jobs.close();
      }
    } finally {
      await queues.close();
    }
  });
}

/**
 * `heimo kb import FILE.jsonl [--community ID]`, `heimo kb search --batch FILE.jsonl [--top N]
 * [--community ID]`, `heimo kb export --format md|json DIR [--community ID]`. Exit code 1 when a
 * row was rejected (import) or unreadable (search); the other rows are still done.
 */
export async function runKbCommand(env: Env, sub: string | undefined, args: string[], out: KbOutput): Promise<number> {
  const request = parseKbArgs(sub, args);
  const network = await networkOf(env);
  switch (request.command) {
    case 'import': {
      const communityId = importCommunity(network, request.community);
      const outcome = await withKnowledge(env, network, (knowledge) => importJsonl(knowledge, request.file, communityId, out.progress));
      for (const line of formatImport(request.file, outcome)) out.print(line);
      return outcome.rejected.length > 0 ? 1 : 0;
    }
    case 'search-batch': {
      const bad = await withKnowledge(env, network, (knowledge) => searchBatch(knowledge, request.file, { top: request.top, ...(request.community === undefined ? {} : { communityId: request.community }) }, out.print, out.printError));
      return bad > 0 ? 1 : 0;
    }
    case 'export': {
      const count = await withKnowledge(env, network, (knowledge) => exportArticles(knowledge, request.dir, request.format, request.community));
      out.print(`exported ${count} published article(s) to ${request.dir} (${request.format}, index.${request.format})`);
      return 0;
    }
  }
}
