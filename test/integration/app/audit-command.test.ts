import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { parseAuditArgs, printAudit } from '../../../bots/app/audit-command.ts';
import { withDatabase } from '../../../bots/app/maintenance.ts';
import { createSqlAuditStore, type AuditDraft } from '../../../core/audit/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { sqlRunner } from '../../../core/infra/store/sql-support.ts';
import { createCliEnv, type CliEnv } from '../../support/cli-env.ts';

const NOW = new Date('2026-12-03T09:00:00.000Z');

const run = (at: string, command: string, outcome: AuditDraft['outcome'], extra: Partial<AuditDraft> = {}): AuditDraft => ({
  at: new Date(at), communityId: 'acme', platform: 'slack', actorId: 'U1', actorName: 'Sanna', command, args: {}, conversationId: null, outcome, detail: null, ...extra,
});

describe('heimo audit', () => {
  let cli: CliEnv | undefined;
  let env: Env;

  beforeAll(async () => {
    cli = await createCliEnv('audit');
    env = cli.env;
    // Creating and migrating the database (initdb on disk for PGlite) is paid here, not in a test.
    await withDatabase(env, createLogger({ level: 'warn' }), async () => undefined);
  }, 120_000);
  afterAll(() => cli?.dispose());

  it('should say so when no command has run', async () => {
    const lines: string[] = [];
    expect(await printAudit(env, [], (line) => lines.push(line), NOW)).toBe(0);
    expect(lines).toEqual(['no command runs']);
  });

  it('should print the runs since the given time oldest first when --since is given', async () => {
    await withDatabase(env, createLogger({ level: 'warn' }), async (opened) => {
      const store = createSqlAuditStore(sqlRunner(opened));
      await store.record(run('2026-12-03T08:30:00.000Z', 'claim', 'denied', { detail: 'needs staff, has none', conversationId: 'conv-1' }));
      await store.record(run('2026-12-01T08:00:00.000Z', 'help', 'allowed'));
      await store.record(run('2026-12-03T08:10:00.000Z', 'move', 'allowed', { args: { team: 'billing' }, conversationId: 'conv-1' }));
    });
    const lines: string[] = [];
    expect(await printAudit(env, ['--since', '24h'], (line) => lines.push(line), NOW)).toBe(0);
    expect(lines).toEqual([
      '2026-12-03T08:10:00.000Z  allowed  acme  slack  Sanna (U1)  move team="billing"  conversation=conv-1',
      '2026-12-03T08:30:00.000Z  denied   acme  slack  Sanna (U1)  claim  conversation=conv-1  needs staff, has none',
    ]);

    const all: string[] = [];
    await printAudit(env, ['--since=2026-11-30', '--json'], (line) => all.push(line), NOW);
    expect(all.map((line) => (JSON.parse(line) as { command: string }).command)).toEqual(['help', 'move', 'claim']);
  });

  it('should say since when when nothing ran in the window', async () => {
    const lines: string[] = [];
    await printAudit(env, ['--since', '10m'], (line) => lines.push(line), NOW);
    expect(lines).toEqual(['no command runs since 2026-12-03T08:50:00.000Z']);
  });

  it('should refuse a --since that is neither a duration nor a date', () => {
    expect(() => parseAuditArgs(['--since', 'yesterday'], NOW)).toThrow(/--since takes a duration like 24h or an ISO date/);
    expect(() => parseAuditArgs(['--verbose'], NOW)).toThrow(/unknown argument "--verbose"/);
    expect(parseAuditArgs(['--since', '2026-12-02T10:00+02:00'], NOW).since).toEqual(new Date('2026-12-02T08:00:00.000Z'));
  });
});
