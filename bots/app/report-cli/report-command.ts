import { readAppEnv } from '../../../config/app-env.ts';
import type { Env } from '../../../config/env-read.ts';
import { loadNetwork } from '../../../config/load-network.ts';
import type { AmbassadorReport } from '../../../core/ambassadors/index.ts';
import type { CommunityConfig, NetworkConfig } from '../../../core/domain/network.ts';
import { HeimoError } from '../../../core/errors.ts';
import { createQueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createLogger } from '../../../core/logger.ts';
import { createCapabilities } from '../create-capabilities.ts';
import { withDatabase } from '../maintenance.ts';
import { toCsv } from './csv.ts';
import { parseReportArgs, REPORT_USAGE } from './report-args.ts';
import { REPORT_COLUMNS, reportRows } from './report-rows.ts';

/** Where `heimo report` writes: the report on stdout, mistakes on stderr. */
export interface ReportOutput {
  write(text: string): void;
  printError(line: string): void;
}

/** Exit code of a usage mistake (a bad --format, an unknown option). */
export const USAGE_EXIT = 2;

/** The community reported on: `--community` (one of the network file's), or the only one. */
function communityOf(network: NetworkConfig, given: string | undefined): CommunityConfig {
  const ids = network.communities.map((community) => community.id);
  const wanted = given ?? (ids.length === 1 ? ids[0] : undefined);
  const community = network.communities.find((candidate) => candidate.id === wanted);
  if (community !== undefined) return community;
  if (given !== undefined) throw new HeimoError('BAD_INPUT', `heimo report: no community "${given}" in the network file (communities: ${ids.join(', ') || 'none'})\n${REPORT_USAGE}`);
  throw new HeimoError('BAD_INPUT', `heimo report: say which community with --community ID${ids.length === 0 ? ' (HEIMO_CONFIG names no network file)' : ` (communities: ${ids.join(', ')})`}\n${REPORT_USAGE}`);
}

/** The report as JSON: dates in ISO 8601, tier names beside tier ids. */
export function reportJson(report: AmbassadorReport, tierName: (tierId: string) => string): string {
  const named = <T extends { tierId: string | null }>(row: T) => ({ ...row, tierName: row.tierId === null ? null : tierName(row.tierId) });
  return `${JSON.stringify({ ...report, top: report.top.map(named), rising: report.rising.map(named), newTierHolders: report.newTierHolders.map(named) }, null, 2)}\n`;
}

/**
 * `heimo report ambassadors [--community ID] [--days 7] --format csv|json`: the same report the
 * weekly digest posts, over the days before now, read through the capabilities as `heimo start`
 * builds them (the job system is not started). A usage mistake exits 2, naming it.
 */
export async function runReportCommand(env: Env, sub: string | undefined, args: string[], out: ReportOutput, now: Date = new Date()): Promise<number> {
  let request: ReturnType<typeof parseReportArgs>;
  let community: CommunityConfig;
  const path = readAppEnv(env).networkPath;
  const network: NetworkConfig = path === null ? { communities: [], internalMarkers: [] } : await loadNetwork(path);
  try {
    request = parseReportArgs(sub, args);
    community = communityOf(network, request.community);
  } catch (error) {
    if (!(error instanceof HeimoError) || error.code !== 'BAD_INPUT') throw error;
    out.printError(error.message);
    return USAGE_EXIT;
  }
  const logger = createLogger({ level: 'warn' });
  const report = await withDatabase(env, logger, async (database) => {
    const app = readAppEnv(env);
    const queues = await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db: database, logger });
    try {
      const capabilities = createCapabilities({ database, queues, network: () => network, schedule: async () => {}, logger });
      try {
        return await capabilities.ambassadors.report(community.id, { days: request.days, to: now });
      } finally {
        await capabilities.jobs.close();
      }
    } finally {
      await queues.close();
    }
  });
  const tierName = (tierId: string): string => community.credits.tiers.find((tier) => tier.id === tierId)?.name ?? tierId;
  out.write(request.format === 'json' ? reportJson(report, tierName) : toCsv(REPORT_COLUMNS, reportRows(report, tierName)));
  return 0;
}
