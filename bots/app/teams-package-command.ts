import { resolve } from 'node:path';
import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import { matching, readEnv, urlValue } from '../../config/env-schema.ts';
import { loadNetwork } from '../../config/load-network.ts';
import { COMMANDS } from '../../core/commands/index.ts';
import { HeimoError } from '../../core/errors.ts';
import { translator } from '../../core/i18n/index.ts';
import { buildTeamsAppPackage, GUID, type TeamsMenuCommand } from '../teams/package/build-teams-app-package.ts';

/** Writes a file; injected so tests can capture the package. */
export type WriteFile = (path: string, data: Uint8Array) => Promise<void>;

// What the package needs, checked up front so every error names the variable, all missing ones at once.
const PACKAGE_ENV = {
  // Teams requires https developer links in the manifest; they default to Heimo's public address.
  HEIMO_PUBLIC_URL: urlValue({ schemes: ['https:'], schemeHint: "must be Heimo's public https address (Teams refuses other links)" }),
  MICROSOFT_APP_ID: matching(GUID, 'must be the Azure Bot\'s Microsoft App ID (a GUID)'),
};

/** The core's typed commands as Teams' command menu lists them (English: a manifest has one language). */
export function teamsMenuCommands(): TeamsMenuCommand[] {
  const t = translator('en');
  return COMMANDS.filter((command) => command.kind === 'command').map((command) => ({ name: command.name, description: t(command.descriptionKey), scope: command.scope }));
}

/** The core's message actions as entries of a Teams message's "…" menu. */
export function teamsMessageActions(): { name: string; label: string }[] {
  const t = translator('en');
  return COMMANDS.filter((command) => command.kind === 'message-action').map((command) => ({ name: command.name, label: t(command.descriptionKey) }));
}

/** `heimo teams package [--out FILE]`: zips manifest.json and icons for the network file's communities. */
export async function writeTeamsPackage(env: Env, args: string[], print: (line: string) => void, write: WriteFile): Promise<number> {
  let out = 'heimo-teams.zip';
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--out' && args[index + 1] !== undefined) {
      out = args[index + 1] ?? out;
      index += 1;
    } else throw new HeimoError('BAD_INPUT', `unknown option "${arg ?? ''}" (usage: heimo teams package [--out FILE])`);
  }
  const { HEIMO_PUBLIC_URL: baseUrl, MICROSOFT_APP_ID: appId } = readEnv(PACKAGE_ENV, env, 'to build the Teams app package');
  const app = readAppEnv(env);
  const network = app.networkPath === null ? null : await loadNetwork(app.networkPath);
  const data = buildTeamsAppPackage({ appId, baseUrl, commands: teamsMenuCommands(), messageActions: teamsMessageActions(), ...(network ? { communities: network.communities.map((community) => community.name) } : {}) });
  const path = resolve(out);
  await write(path, data);
  print(`wrote ${path} (${data.byteLength} bytes): upload it in Teams (Apps > Manage your apps > Upload an app)`);
  return 0;
}
