import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import { loadNetwork } from '../../config/load-network.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { HeimoError } from '../../core/errors.ts';
import { fail, type DoctorCheck } from '../../core/ports/doctor.ts';
import { readDiscordEnv } from '../discord/config.ts';
import { readSlackEnv } from '../slack/config.ts';
import { readTeamsEnv } from '../teams/config.ts';
import type { Print } from './setup-commands.ts';

const unique = (items: string[]): string[] => [...new Set(items)];

/** What the network file sends where: Discord channels with their server, Slack channels, Teams routes. */
function routed(network: NetworkConfig | null) {
  const routes = (network?.communities ?? []).flatMap((community) => community.routes.map((route) => ({ community, route })));
  return {
    discord: routes.map(({ community, route }) => ({ channelId: route.discordChannelId, guildId: community.discordGuildId })),
    slack: unique(routes.flatMap(({ route }) => (route.destination.platform === 'slack' ? [route.destination.channelId] : []))),
    teams: routes.filter(({ route }) => route.destination.platform === 'teams').length,
  };
}

// A platform that is not configured is fine unless the network file sends something to it.
const unconfigured = (platform: string, needed: boolean, missing: string[]): DoctorCheck =>
  needed
    ? fail(`${platform} is not configured, yet the network file routes to it`, `set ${missing.join(', ')} (see README, "Setting up the platforms")`)
    : { ok: true, skipped: true, what: `${platform} is not configured and nothing is routed to it (set ${missing[0] ?? 'its variables'} to check it)` };

/**
 * `heimo doctor`: checks each configured platform against its real API (credentials, scopes,
 * channel membership, intents, permissions, tokens), one line per check with the fix, and
 * returns 1 when any check failed.
 */
export async function runDoctor(env: Env, args: string[], print: Print): Promise<number> {
  if (args[0] !== undefined) throw new HeimoError('BAD_INPUT', `unknown option "${args[0]}" (usage: heimo doctor)`);
  const app = readAppEnv(env);
  const network = app.networkPath === null ? null : await loadNetwork(app.networkPath);
  const targets = routed(network);
  const results: Array<[string, DoctorCheck[]]> = [];
  if (network === null) results.push(['heimo', [{ ok: true, skipped: true, what: 'no network file (HEIMO_CONFIG unset): nothing routed, so no channel is checked' }]]);

  const discord = readDiscordEnv(env);
  if (discord.status === 'absent') results.push(['discord', [unconfigured('Discord', targets.discord.length > 0, discord.missing)]]);
  else {
    const { diagnoseDiscord } = await import('../discord/doctor.ts');
    results.push(['discord', await diagnoseDiscord({ ...discord.config, channels: targets.discord })]);
  }
  const slack = readSlackEnv(env);
  if (slack.status === 'absent') results.push(['slack', [unconfigured('Slack', targets.slack.length > 0, slack.missing)]]);
  else {
    const { diagnoseSlack } = await import('../slack/doctor.ts');
    results.push(['slack', await diagnoseSlack({ slack: slack.config, channelIds: targets.slack })]);
  }
  const teams = readTeamsEnv(env);
  if (teams.status === 'absent') results.push(['teams', [unconfigured('Teams', targets.teams > 0, teams.missing)]]);
  else {
    const { diagnoseTeams } = await import('../teams/doctor.ts');
    results.push(['teams', await diagnoseTeams({ teams: teams.config })]);
  }
  if (discord.status === 'absent' && slack.status === 'absent' && teams.status === 'absent') {
    results.push(['heimo', [fail('no platform is configured', 'set DISCORD_TOKEN and SLACK_BOT_TOKEN or the MICROSOFT_APP_* variables (see README, "Setting up the platforms")')]]);
  }

  let failed = 0;
  for (const [platform, checks] of results) {
    for (const check of checks) {
      if (!check.ok) failed += 1;
      print(`${check.skipped === true ? '–' : check.ok ? '✓' : '✗'} ${platform}: ${check.what}${check.fix === undefined ? '' : ` → ${check.fix}`}`);
    }
  }
  print(failed === 0 ? 'all checks passed' : `${failed} check${failed === 1 ? '' : 's'} failed`);
  return failed === 0 ? 0 : 1;
}
