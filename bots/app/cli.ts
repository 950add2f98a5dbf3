import { writeFile } from 'node:fs/promises';
import { HeimoError } from '../../core/errors.ts';
import { createLogger, logLevelOf, type ProcessLogger } from '../../core/logger.ts';
import type { Env } from '../../config/env-read.ts';
import { withEnvFile } from '../../config/env-file.ts';
import { listDeadDeliveries, retryDeadDeliveries, runMigrations, showDeliveryStatus } from './maintenance.ts';
import { reloadCommand } from './reload-command.ts';
import { startCommand } from './start-command.ts';

const USAGE = `Usage: heimo <command>

  start                       run Heimo in the foreground (stops cleanly on SIGTERM/SIGINT)
  migrate                     apply database migrations and exit
  deliveries list             show deliveries that failed for good (dead letters)
  deliveries retry [ID ...]   send dead deliveries again (all when no id is given)
  deliveries status           per platform: queue paused (outage, 429), backlog, oldest pending, dead
  audit [--since 24h|DATE] [--json]   chat command runs (allowed, denied, failed), oldest first
  kb import FILE.jsonl [--community ID]   import {id, title, body, answer} rows as published articles
  kb search --batch FILE.jsonl [--top N] [--community ID]   one JSON line of similar articles per {id, title, body} row
  kb export --format md|json DIR [--community ID]   write every published article and an index to DIR
  report ambassadors [--community ID] [--days 7] --format csv|json   top and rising helpers, new tier holders, reference customer candidates
  privacy forget <platform> <user id>   forget a person (discord, slack or teams): their words, name and id leave every table
  teams package [--out FILE]  write the Teams app package (default heimo-teams.zip)
  slack manifest [--url URL] [--socket-mode]   print the Slack app manifest (JSON)
  discord invite              print the URL that adds the Discord bot with its permissions
  discord register-commands   register /heimo and "Mark as solution" in every Discord server of the network file
  doctor                      check each configured platform's credentials, scopes and permissions
  sandbox [--port N]          try Heimo in the browser against local Discord, Slack and Teams stand-ins (default port 3100)
  reload                      re-read the network file in the running Heimo (SIGHUP through HEIMO_DATA_DIR/heimo.pid)
  config check                check the environment and the network file as start would, and say what runs
  config reference            print the configuration table README carries

Variables come from the environment, over a .env file in the working directory (or HEIMO_ENV_FILE).
`;

// A fatal error is one JSON line (level "fatal"; the logger writes synchronously, so it is out
// before the process exits). Exit codes: 78 for configuration (EX_CONFIG), 1 otherwise.
const report = (error: unknown, logger: ProcessLogger): number => {
  if (error instanceof HeimoError) {
    logger.fatal(error.message, { code: error.code, ...(typeof error.context['variable'] === 'string' ? { variable: error.context['variable'] } : {}) });
    return error.code === 'CONFIG_MISSING' || error.code === 'CONFIG_INVALID' ? 78 : 1;
  }
  logger.fatal(error instanceof Error ? error.message : String(error), { error });
  return 1;
};

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[], processEnv: Env): Promise<number> {
  const [command, sub, ...rest] = argv;
  // Before configuration is validated: an invalid LOG_LEVEL is reported at `info`.
  const logger = createLogger({ level: logLevelOf(processEnv['LOG_LEVEL']) });
  try {
    const env = withEnvFile(processEnv);
    switch (command) {
      case 'start':
        return await startCommand(env, logger);
      case 'migrate':
        await runMigrations(env, logger);
        return 0;
      case 'deliveries':
        if (sub === 'list') return await listDeadDeliveries(env, (line) => process.stdout.write(`${line}\n`));
        if (sub === 'retry') return await retryDeadDeliveries(env, rest, (line) => process.stdout.write(`${line}\n`));
        if (sub === 'status') return await showDeliveryStatus(env, (line) => process.stdout.write(`${line}\n`));
        break;
      case 'audit': {
        const { printAudit } = await import('./audit-command.ts');
        return await printAudit(env, sub === undefined ? rest : [sub, ...rest], (line) => process.stdout.write(`${line}\n`));
      }
      case 'kb': {
        const { runKbCommand } = await import('./kb-cli/kb-command.ts');
        return await runKbCommand(env, sub, rest, {
          print: (line) => process.stdout.write(`${line}\n`),
          printError: (line) => process.stderr.write(`${line}\n`),
          progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) },
        });
      }
      case 'report': {
        const { runReportCommand } = await import('./report-cli/report-command.ts');
        return await runReportCommand(env, sub, rest, { write: (text) => process.stdout.write(text), printError: (line) => process.stderr.write(`${line}\n`) });
      }
      case 'privacy':
        if (sub === 'forget') {
          const { forgetPerson } = await import('./privacy-command.ts');
          return await forgetPerson(env, rest, (line) => process.stdout.write(`${line}\n`));
        }
        break;
      case 'teams':
        if (sub === 'package') {
          const { writeTeamsPackage } = await import('./teams-package-command.ts');
          return await writeTeamsPackage(env, rest, (line) => process.stdout.write(`${line}\n`), writeFile);
        }
        break;
      case 'slack':
      case 'discord':
      case 'doctor': {
        const { runSetupCommand } = await import('./setup-commands.ts');
        const code = await runSetupCommand(argv, env, (line) => process.stdout.write(`${line}\n`));
        if (code !== undefined) return code;
        break;
      }
      case 'sandbox': {
        const { runSandbox } = await import('./sandbox/sandbox-command.ts');
        return await runSandbox(sub === undefined ? rest : [sub, ...rest], env, (line) => process.stdout.write(`${line}\n`));
      }
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
    return report(error, logger);
  }
}
