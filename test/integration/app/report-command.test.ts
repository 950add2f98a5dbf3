import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { main } from '../../../bots/app/cli.ts';
import { withDatabase } from '../../../bots/app/maintenance.ts';
import { runReportCommand } from '../../../bots/app/report-cli/report-command.ts';
import { createLogger } from '../../../core/logger.ts';
import { createCliEnv, type CliEnv } from '../../support/cli-env.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { ambassadorsNetwork, createAmbassadorsWorld } from '../ambassadors/ambassadors-world.ts';

const NOW = new Date('2026-12-07T07:00:00.000Z');
const DAY = 86_400_000;

describe('heimo report ambassadors', () => {
  let cli: CliEnv | undefined;
  let env: Env;

  const run = async (args: string[], sub = 'ambassadors'): Promise<{ code: number; out: string; err: string[] }> => {
    let out = '';
    const err: string[] = [];
    const code = await runReportCommand(env, sub, args, { write: (text) => void (out += text), printError: (line) => void err.push(line) }, NOW);
    return { code, out, err };
  };

  beforeAll(async () => {
    cli = await createCliEnv('report');
    const dir = cli.env['HEIMO_DATA_DIR'] ?? (await import('node:os')).tmpdir();
    const networkFile = join(dir, `network-report-${process.pid}.json`);
    await writeFile(networkFile, JSON.stringify({ communities: [{ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], staff: { emailDomains: ['acme.test'] } }] }));
    env = { ...cli.env, HEIMO_CONFIG: networkFile };
    await withDatabase(env, createLogger({ level: 'warn' }), async (db) => {
      const world = createAmbassadorsWorld(db, createTestJobs(db), ambassadorsNetwork());
      const ann = await world.person({ platform: 'discord', userId: 'd-ann', displayName: 'Virtanen, "Ann"' });
      await world.person({ platform: 'discord', userId: 'd-bob', displayName: '=cmd()' });
      await world.person({ platform: 'slack', userId: 'U-sam', displayName: 'Sam', email: 'sam@acme.test' });
      await world.credit({ platform: 'discord', userId: 'd-ann' }, 15, new Date(NOW.getTime() - 2 * DAY));
      await world.credit({ platform: 'discord', userId: 'd-bob' }, 4, new Date(NOW.getTime() - 3 * DAY));
      await world.credit({ platform: 'slack', userId: 'U-sam' }, 50, new Date(NOW.getTime() - 3 * DAY));
      await world.promote(ann, 'helper', new Date(NOW.getTime() - DAY));
      // Ivy rated her solved question 5/5 (a reference candidate); Jon rated his 2/5 (not one).
      await world.person({ platform: 'discord', userId: 'd-ivy', displayName: 'Ivy' });
      await world.person({ platform: 'discord', userId: 'd-jon', displayName: 'Jon' });
      await world.rated({ platform: 'discord', userId: 'd-ivy' }, 5, new Date(NOW.getTime() - 2 * DAY));
      await world.rated({ platform: 'discord', userId: 'd-jon' }, 2, new Date(NOW.getTime() - 2 * DAY));
    });
  }, 120_000);
  afterAll(() => cli?.dispose());

  it('should write one quoted CSV row per person and section, staff left out, the reason of a reference candidate in why, when --format csv is given', async () => {
    const { code, out } = await run(['--format', 'csv']);
    expect(code).toBe(0);
    expect(out.split('\r\n')).toEqual([
      'section,rank,name,points,previous,tier,why',
      'top,1,"Virtanen, ""Ann""",15,0,Helper,',
      "top,2,'=cmd(),4,0,,",
      'rising,1,"Virtanen, ""Ann""",15,0,Helper,gained 15',
      'new-tier,1,"Virtanen, ""Ann""",,,Helper,promoted 2026-12-06T07:00:00.000Z',
      'reference,1,Ivy,,,,rated-well: rated 5/5',
      '',
    ]);
  });

  it('should print the report as JSON with tier names when --format json is given', async () => {
    const { code, out } = await run(['--format', 'json', '--community', 'acme', '--days', '30']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { communityId: string; from: string; to: string; top: { displayName: string; points: number; tierName: string | null }[]; referenceCandidates: unknown[] };
    expect(report).toMatchObject({ communityId: 'acme', from: '2026-11-07T07:00:00.000Z', to: '2026-12-07T07:00:00.000Z' });
    expect(report.referenceCandidates).toEqual([{ personId: expect.any(String), displayName: 'Ivy', why: 'rated-well', evidence: 'rated 5/5' }]);
    expect(report.top.map((row) => [row.displayName, row.points, row.tierName])).toEqual([['Virtanen, "Ann"', 15, 'Helper'], ['=cmd()', 4, null]]);
  });

  it('should exit 2 with a clear error when the format is missing or unknown, or the community is not in the network file', async () => {
    expect(await run(['--format', 'xlsx'])).toEqual({ code: 2, out: '', err: ['heimo report: --format must be csv or json, got "xlsx"\nusage: heimo report ambassadors [--community ID] [--days 7] --format csv|json'] });
    expect((await run([])).err[0]).toMatch(/^heimo report: --format must be csv or json, got ""/);
    expect(await run(['--format', 'csv', '--community', 'globex'])).toMatchObject({ code: 2, err: [expect.stringMatching(/no community "globex" in the network file \(communities: acme\)/)] });
    expect(await run(['--format', 'csv'], 'helpers')).toMatchObject({ code: 2, err: [expect.stringMatching(/unknown report "helpers"/)] });
  });

  it('should be reached as `heimo report` and exit 2 on a bad format when run through the CLI', async () => {
    expect(await main(['report', 'ambassadors', '--format', 'pdf'], env)).toBe(2);
  });
});
