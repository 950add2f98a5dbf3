import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './heimo-process.ts';

// In a fresh node process on the build (as `heimo start` runs): create the bots for `env`, then
// name the chat SDKs Node has loaded. The SDKs are CommonJS, so Node's require cache lists them.
const script = `
import { createRequire } from 'node:module';
const { createBots } = await import('./.build/bots/app/create-bots.js');
const { createLogger } = await import('./.build/core/logger.js');
await createBots(JSON.parse(process.argv[1]), { watchedChannelIds: [], logger: createLogger({ level: 'silent' }) });
const loaded = Object.keys(createRequire(import.meta.url).cache);
const sdks = ['discord.js', '@slack/bolt', '@microsoft/teams-ai', 'botbuilder'];
console.log(JSON.stringify(sdks.filter((sdk) => loaded.some((file) => file.includes(\`/node_modules/\${sdk}/\`)))));
`;

const loadedSdks = async (env: Record<string, string>): Promise<string[]> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(env)], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as string[];
};

describe('chat SDK loading', () => {
  it('should load no chat SDK when no platform is configured', async () => {
    expect(await loadedSdks({})).toEqual([]);
  });

  it('should load only the SDK of the platform that is configured', async () => {
    expect(await loadedSdks({ DISCORD_TOKEN: 'not-a-real-token' })).toEqual(['discord.js']);
  }, 60_000);
});
