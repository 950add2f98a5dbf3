import { writeFile } from 'node:fs/promises';
import { HeimoError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import type { Env } from '../../config/env-read.ts';
import { withEnvFile } from '../../config/env-file.ts';
import { readAppEnv } from '../../config/app-env.ts';
import { listDeadDeliveries, retryDeadDeliveries, runMigrations } from './maintenance.ts';
import { reloadCommand, serveReloads } from './reload-command.ts';

const USAGE = `Usage: heimo <command>

  start                       run Heimo in the foreground (stops cleanly on SIGTERM/SIGINT)
  migrate                     apply database migrations and exit
  deliveries list             show deliveries that failed for good (dead letters)
  deliveries retry [ID ...]   send dead deliveries again (all when no id is given)
  teams package [--out FILE]  write the Teams app package (default heimo-teams.zip)
  reload                      re-read the network file in the running Heimo (SIGHUP through HEIMO_DATA_DIR/heimo.pid)
  config check                check the environment and the network file as start would, and say what runs
  config reference            print the configuration table README carries

Variables come from the environment, over a .env file in the working directory (or HEIMO_ENV_FILE).
`;

const report = (error: unknown): number => {
  if (error instanceof HeimoError) {
    process.stderr.write(`heimo: ${error.message} [${error.code}]\n`);
    return error.code === 'CONFIG_MISSING' || error.code === 'CONFIG_INVALID' ? 78 : 1;
  }
  process.stderr.write(`heimo: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
};

async function start(env: Env): Promise<number> {
  // Loaded on demand: the chat SDKs take seconds to load, which `migrate` and `deliveries` never need.
  const { createHeimo } = await import('./create-heimo.ts');
  const heimo = await createHeimo({ env });
  const app = readAppEnv(env);
  const stopReloads = await serveReloads(app.dataDir, heimo.reload, createLogger({ level: app.logLevel }));
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      process.stderr.write(`heimo: ${signal} received, stopping\n`);
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  await stopReloads();
  await heimo.stop();
  return 0;
}

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[], processEnv: Env): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    const env = withEnvFile(processEnv);
    switch (command) {
      case 'start':
        return await start(env);
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
      case 'reload':
        return await reloadCommand(env, (line) => process.stdout.write(`${line}\n`));
      case 'config': {
        const { checkConfig, referenceTable } = await import('./config-command.ts');
        if (sub === 'check') return await checkConfig(env, (line) => process.stdout.write(`${line}\n`));
        if (sub === 'reference') return (process.stdout.write(`${referenceTable()}\n`), 0);
        break;
      }
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
