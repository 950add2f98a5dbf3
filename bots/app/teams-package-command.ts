import { resolve } from 'node:path';
import { readAppEnv } from '../../config/app-env.ts';
import { required, type Env } from '../../config/env-read.ts';
import { loadNetwork } from '../../config/load-network.ts';
import { HeimoError } from '../../core/errors.ts';
import { buildTeamsAppPackage } from '../teams/package/build-teams-app-package.ts';

/** Writes a file; injected so tests can capture the package. */
export type WriteFile = (path: string, data: Uint8Array) => Promise<void>;

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
  const app = readAppEnv(env);
  const network = app.networkPath === null ? null : await loadNetwork(app.networkPath);
  // Teams requires https developer links in the manifest; they default to Heimo's public address.
  const baseUrl = required(env, 'HEIMO_PUBLIC_URL', "is required to build the Teams app package (Heimo's public https address)");
  const data = buildTeamsAppPackage({
    appId: required(env, 'MICROSOFT_APP_ID', 'is required to build the Teams app package'),
    baseUrl,
    ...(network ? { communities: network.communities.map((community) => community.name) } : {}),
  });
  const path = resolve(out);
  await write(path, data);
  print(`wrote ${path} (${data.byteLength} bytes): upload it in Teams (Apps > Manage your apps > Upload an app)`);
  return 0;
}
