import { optional, url, type Env } from '../../config/env-read.ts';
import { ConfigError, HeimoError } from '../../core/errors.ts';

/** Prints one line of a command's output. */
export type Print = (line: string) => void;

const usageError = (usage: string, arg: string): HeimoError => new HeimoError('BAD_INPUT', `unknown option "${arg}" (usage: ${usage})`);

// Slack calls only https request URLs; the address must be one Slack can reach.
function publicUrl(value: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('CONFIG_INVALID', variable, `${variable} must be Heimo's public https address, got "${value}"`);
  }
  if (parsed.protocol !== 'https:') throw new ConfigError('CONFIG_INVALID', variable, `${variable} must be an https address (Slack calls nothing else), got "${value}"`);
  return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}

/** `heimo slack manifest [--url URL] [--socket-mode]`: prints the Slack app manifest as JSON. */
export async function printSlackManifest(env: Env, args: string[], print: Print): Promise<number> {
  const usage = 'heimo slack manifest [--url URL] [--socket-mode]';
  let given: string | undefined;
  let socketFlag = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--url' && args[index + 1] !== undefined) given = args[(index += 1)];
    else if (arg === '--socket-mode') socketFlag = true;
    else throw usageError(usage, arg);
  }
  const { buildSlackManifest } = await import('../slack/app-manifest.ts');
  // Socket Mode needs no public address: Heimo connects out with SLACK_APP_TOKEN.
  if (socketFlag || optional(env, 'SLACK_APP_TOKEN') !== undefined) {
    print(JSON.stringify(buildSlackManifest({ socketMode: true }), null, 2));
    return 0;
  }
  const fromEnv = optional(env, 'HEIMO_PUBLIC_URL');
  if (given === undefined && fromEnv === undefined) {
    throw new ConfigError('CONFIG_MISSING', 'HEIMO_PUBLIC_URL', "Slack needs Heimo's public https address for its request URLs: pass --url https://heimo.example.com, set HEIMO_PUBLIC_URL, or use --socket-mode (SLACK_APP_TOKEN) when Slack cannot reach Heimo");
  }
  const base = given === undefined ? publicUrl(fromEnv ?? '', 'HEIMO_PUBLIC_URL') : publicUrl(given, '--url');
  print(JSON.stringify(buildSlackManifest({ socketMode: false, publicUrl: base }), null, 2));
  return 0;
}

/** `heimo discord invite`: prints the OAuth2 URL that adds the bot with exactly Heimo's permissions. */
export async function printDiscordInvite(env: Env, args: string[], print: Print): Promise<number> {
  if (args[0] !== undefined) throw usageError('heimo discord invite', args[0]);
  const { discordApplicationId, discordInviteUrl } = await import('../discord/invite.ts');
  const applicationId = optional(env, 'DISCORD_APPLICATION_ID');
  const token = optional(env, 'DISCORD_TOKEN');
  const id = await discordApplicationId({
    apiUrl: url(env, 'DISCORD_API_URL', 'https://discord.com/api'),
    ...(applicationId === undefined ? {} : { applicationId }),
    ...(token === undefined ? {} : { token }),
  });
  print(discordInviteUrl(id));
  return 0;
}

/** Runs `heimo slack manifest`, `heimo discord invite|register-commands` or `heimo doctor`; undefined for any other command. */
export async function runSetupCommand(argv: string[], env: Env, print: Print): Promise<number | undefined> {
  const [command, sub, ...rest] = argv;
  if (command === 'slack' && sub === 'manifest') return printSlackManifest(env, rest, print);
  if (command === 'discord' && sub === 'invite') return printDiscordInvite(env, rest, print);
  if (command === 'discord' && sub === 'register-commands') {
    const { registerDiscordCommands } = await import('./register-commands-command.ts');
    return registerDiscordCommands(env, rest, print);
  }
  if (command === 'doctor') {
    const { runDoctor } = await import('./doctor-command.ts');
    return runDoctor(env, argv.slice(1), print);
  }
  return undefined;
}
