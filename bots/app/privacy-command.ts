import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import { HeimoError } from '../../core/errors.ts';
import { createQueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import { createJobs } from '../../core/jobs/index.ts';
import { createKnowledgeBase } from '../../core/knowledge/index.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { DEFAULT_INTERNAL_MARKERS, loadNetwork } from '../../config/load-network.ts';
import { createLogger } from '../../core/logger.ts';
import { checkedPerson, createPrivacy, type ForgetReport, type PersonKey } from '../../core/privacy/index.ts';
import { createErasers } from './erasers.ts';
import { withDatabase } from './maintenance.ts';

const USAGE = 'usage: heimo privacy forget <discord|slack|teams> <user id>';

const NO_NETWORK: NetworkConfig = { communities: [], internalMarkers: DEFAULT_INTERNAL_MARKERS };

/** The person `heimo privacy forget <platform> <user id>` names, or BAD_INPUT saying what is wrong. */
export function parseForgetArgs(args: readonly string[]): PersonKey {
  const [platform, userId, ...extra] = args;
  if (platform === undefined || userId === undefined) throw new HeimoError('BAD_INPUT', `heimo privacy forget needs a platform and a user id (${USAGE})`);
  if (extra.length > 0) throw new HeimoError('BAD_INPUT', `heimo privacy forget takes one platform and one user id, got ${args.length} arguments (${USAGE})`);
  try {
    return checkedPerson({ platform: platform.toLowerCase(), userId });
  } catch (error) {
    throw new HeimoError('BAD_INPUT', `heimo privacy forget: ${error instanceof Error ? error.message : String(error)} (${USAGE})`);
  }
}

/** The report as lines: rows changed per eraser and in all, under the forget's reference (never the person's id). */
export function formatForgetReport(report: ForgetReport): string[] {
  const total = report.erased.reduce((sum, entry) => sum + entry.rows, 0);
  const width = Math.max(...report.erased.map((entry) => entry.name.length), 'total'.length);
  return [
    total === 0 ? `nothing of this person was stored (reference ${report.reference})` : `forgotten (reference ${report.reference}); rows changed:`,
    ...report.erased.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.rows}`),
    `  ${'total'.padEnd(width)}  ${total}`,
  ];
}

/**
 * `heimo privacy forget <platform> <user id>`: removes the person's words, name and id from every
 * table in one transaction (the same erasers `/heimo privacy forget` runs) and prints counts only.
 */
export async function forgetPerson(env: Env, args: readonly string[], print: (line: string) => void): Promise<number> {
  const person = parseForgetArgs(args);
  const logger = createLogger({ level: 'warn' });
  return withDatabase(env, logger, async (db) => {
    const app = readAppEnv(env);
    // The job system's transaction, as in Heimo: anything an eraser records is queued after the commit.
    const queues = await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db, logger });
    const jobs = createJobs({ database: db, queues, logger });
    try {
      // The knowledge base takes the person out of articles with the community's settings (re-verify ages).
      const network = app.networkPath === null ? NO_NETWORK : await loadNetwork(app.networkPath);
      const knowledge = createKnowledgeBase({ database: db, jobs, network: () => network, logger });
      const report = await createPrivacy({ database: db, jobs, erasers: createErasers(knowledge), logger }).forget(person);
      for (const line of formatForgetReport(report)) print(line);
      return 0;
    } finally {
      await jobs.close();
      await queues.close();
    }
  });
}
