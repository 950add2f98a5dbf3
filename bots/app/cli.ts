import { writeFile } from 'node:fs/promises';
import { HeimoError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import type { Env } from '../../config/env-read.ts';
import { listDeadDeliveries, retryDeadDeliveries, runMigrations } from './maintenance.ts';
import { startCommand } from './start-command.ts';

const USAGE = `Usage: heimo <command>

  start                       run Heimo in the foreground (stops cleanly on SIGTERM/SIGINT)
  migrate                     apply database migrations and exit
  deliveries list             show deliveries that failed for good (dead letters)
  deliveries retry [ID ...]   send dead deliveries again (all when no id is given)
  teams package [--out FILE]  write the Teams app package (default heimo-teams.zip)
`;

const report = (error: unknown): number => {
  if (error instanceof HeimoError) {
    process.stderr.write(`heimo: ${error.message} [${error.code}]\n`);
    return error.code === 'CONFIG_MISSING' || error.code === 'CONFIG_INVALID' ? 78 : 1;
  }
  process.stderr.write(`heimo: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
};

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[], env: Env): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await startCommand(env);
      case 'migrate':
        await runMigrations(env, createLogger({ level: 'info' }));
        return 0;
      case 'deliveries':
        if (sub === 'list') return await listDeadDeliveries(env, (line) => process.stdout.write(`${line}\n`));
        if (sub === 'retry') return await retryDeadDeliveries(env, rest, (line) => process.stdout.write(`${line}\n`));
        break;
      case 'teams':
        if (sub === 'package') {
          const { writeTeamsPackage } = await import('./teams-package-command.ts');
          return await writeTeamsPackage(env, rest, (line) => process.stdout.write(`${line}\n`), writeFile);
        }
        break;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return 0;
    }
    process.stderr.write(`heimo: unknown command "${argv.join(' ')}"\n${USAGE}`);
    return 64;
  } catch (error) {
    return report(error);
  }
}
