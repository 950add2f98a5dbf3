import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger, type LogLevel } from '../../../core/logger.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { createHeimo, type Heimo } from '../create-heimo.ts';
import type { HealthReport } from '../http-server.ts';
import { createDiscordPane } from './panes/discord-pane.ts';
import { createSlackPane } from './panes/slack-pane.ts';
import { createTeamsPane } from './panes/teams-pane.ts';
import { SLACK, startStandIns, TEAMS, type StandIns } from './stand-ins.ts';
import { startSandboxWeb, type HeimoStatus, type SandboxWeb } from './web-server.ts';

/** How to run the sandbox; every field has a default. */
export interface SandboxConfig {
  /** Port of the page (default 3100; 0 picks a free one). */
  port?: number;
  /** Address of the page (default 127.0.0.1: the page drives the stand-ins without any login). */
  host?: string;
  /** Where Heimo's embedded database lives; default a temporary folder removed on stop. */
  dataDir?: string;
  /** Heimo's log level (default warn). */
  logLevel?: LogLevel;
  logger?: Logger;
}

/** A running sandbox: the page, Heimo and the stand-ins it talks to. */
export interface Sandbox {
  url: string;
  heimo: Heimo;
  standIns: StandIns;
  dataDir: string;
  stop(): Promise<void>;
}

/** One line for the page's header: ready, or what is not. */
export function summarize(report: HealthReport): HeimoStatus {
  const failing = Object.entries(report.checks).filter(([, check]) => !check.ok);
  if (failing.length > 0) return { ok: false, summary: `Heimo is not ready: ${failing.map(([name, check]) => `${name} (${check.detail})`).join(', ')}` };
  const platforms = Object.keys(report.checks).filter((name) => name !== 'migrations' && name !== 'queue');
  return { ok: true, summary: `Heimo is relaying · ${platforms.join(', ')} connected · ${report.checks['queue']?.detail ?? 'queue'}` };
}

/**
 * Starts Discord, Slack and Teams stand-ins on loopback, Heimo on its embedded defaults pointed
 * at them (PGlite and BullMQ's PostgreSQL backend; its own port stays on 127.0.0.1), and the page.
 */
export async function createSandbox(config: SandboxConfig = {}): Promise<Sandbox> {
  const logger = config.logger ?? createLogger({ level: config.logLevel ?? 'warn' });
  const workDir = await mkdtemp(join(tmpdir(), 'heimo-sandbox-'));
  const dataDir = config.dataDir === undefined ? join(workDir, 'data') : resolve(config.dataDir);
  const cleanups: Array<() => Promise<unknown>> = [() => rm(workDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => logger.warn('sandbox: shutdown step failed', { error }));
  };
  try {
    const standIns = await startStandIns(workDir);
    cleanups.unshift(() => standIns.close());
    const { internalMarkers } = standIns.network;
    const { world } = standIns.discord;
    const teams = createTeamsPane({ ...standIns.teams, team: TEAMS.team.name, channel: TEAMS.channel.name, employees: TEAMS.employees, internalMarkers });
    // The page comes up first: a taken port fails at once, and the page shows Heimo starting.
    let status: HeimoStatus = { ok: false, summary: 'Heimo is starting…' };
    const web: SandboxWeb = await startSandboxWeb({
      port: config.port ?? 3100,
      host: config.host ?? '127.0.0.1',
      logger,
      status: () => status,
      panes: [
        {
          ...createDiscordPane({
            discord: standIns.discord,
            routes: [
              { channelId: world.ids.help, destination: `Slack #${SLACK.channel.name}` },
              { channelId: world.ids.forum, destination: `Slack #${SLACK.channel.name}` },
              { channelId: standIns.partnerChannelId, destination: `Teams ${TEAMS.channel.name}` },
            ],
          }),
          title: 'Discord',
          role: 'Acme Community · you are a customer',
        },
        { ...createSlackPane({ slack: standIns.slack, channel: SLACK.channel, employees: SLACK.employees, internalMarkers }), title: 'Slack', role: 'Acme workspace · you are an employee' },
        { ...teams, title: 'Microsoft Teams', role: `${TEAMS.team.name} · you are an employee` },
      ],
    });
    cleanups.unshift(() => web.close());

    const heimo = await createHeimo({
      env: { PORT: '0', HOST: '127.0.0.1', HEIMO_DATA_DIR: dataDir, LOG_LEVEL: config.logLevel ?? 'warn', ...standIns.env },
      network: standIns.network,
      logger,
    });
    cleanups.splice(1, 0, () => heimo.stop());
    standIns.slack.setEvents(`${heimo.url}/slack/events`, SLACK.signingSecret);
    teams.attach(heimo.url);
    status = summarize(await heimo.health());
    const refresh = setInterval(() => {
      heimo.health().then((report) => (status = summarize(report)), (error: unknown) => (status = { ok: false, summary: `Heimo did not answer: ${String(error)}` }));
    }, 2_000);
    cleanups.unshift(async () => clearInterval(refresh));
    return { url: web.url, heimo, standIns, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
