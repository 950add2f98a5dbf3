import { createRequire } from 'node:module';

/**
 * @discordjs/rest paces every request (webhook executes included) to 50 per second per process,
 * Discord's real global limit. The fakes impose no limits, so the benchmark raises it, like the
 * delivery pace, for Heimo and the bare relay alike. It must run before any discord.js Client is
 * created; discord.js loads @discordjs/rest through require, so this edits that very instance.
 */
export function raiseDiscordGlobalLimit(perSecond: number): number {
  const rest = createRequire(import.meta.resolve('discord.js'))('@discordjs/rest') as { DefaultRestOptions: { globalRequestsPerSecond: number } };
  const before = rest.DefaultRestOptions.globalRequestsPerSecond;
  rest.DefaultRestOptions.globalRequestsPerSecond = perSecond;
  return before;
}
