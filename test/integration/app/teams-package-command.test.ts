import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeTeamsPackage } from '../../../bots/app/teams-package-command.ts';
import { ConfigError } from '../../../core/errors.ts';

const APP_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('heimo teams package', () => {
  it('should write a zip with manifest and icons when the app id and public url are set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heimo-pkg-'));
    const network = join(dir, 'network.json');
    await writeFile(network, JSON.stringify({ communities: [{ id: 'acme', name: 'Acme Community', discordGuildId: 'g', routes: [] }] }));
    const lines: string[] = [];
    const out = join(dir, 'app.zip');
    const code = await writeTeamsPackage({ MICROSOFT_APP_ID: APP_ID, HEIMO_PUBLIC_URL: 'https://heimo.example.com', HEIMO_CONFIG: network }, ['--out', out], (line) => lines.push(line), (path, data) => writeFile(path, data));
    expect(code).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(out)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
    expect(JSON.stringify(manifest)).toContain('ChannelMessage.Read.Group');
    expect((manifest['bots'] as Array<{ botId: string }>)[0]?.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).toContain('heimo.example.com');
    // The core's commands make the bot's menu: resolve on a card, help in the 1:1 chat.
    const lists = (manifest['bots'] as Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>)[0]?.commandLists ?? [];
    expect(lists.find((list) => list.scopes.includes('team'))?.commands.map((command) => command.title)).toContain('resolve');
    expect(lists.find((list) => list.scopes.includes('personal'))?.commands.map((command) => command.title)).toContain('help');
    expect(manifest['composeExtensions']).toEqual([
      {
        botId: APP_ID,
        commands: [
          { id: 'mark-solution', type: 'action', title: 'Mark as solution', context: ['message'], fetchTask: true },
          { id: 'add-to-kb', type: 'action', title: 'Add to knowledge base', context: ['message'], fetchTask: true },
        ],
      },
    ]);
    expect(lines[0]).toContain(out);
  });

  it('should name the missing variable when HEIMO_PUBLIC_URL is not set', async () => {
    const attempt = writeTeamsPackage({ MICROSOFT_APP_ID: APP_ID }, [], () => undefined, async () => undefined);
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toMatchObject({ variable: 'HEIMO_PUBLIC_URL' });
  });

  it('should name every missing variable at once when neither the app id nor the public url is set', async () => {
    const attempt = writeTeamsPackage({}, [], () => undefined, async () => undefined);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFIG_MISSING', message: 'HEIMO_PUBLIC_URL and MICROSOFT_APP_ID are required to build the Teams app package' });
  });

  it('should name the variables rather than internal fields when their values are wrong', async () => {
    const run = (env: Record<string, string>) => writeTeamsPackage(env, [], () => undefined, async () => undefined).then(() => null, (error: unknown) => error as ConfigError);
    const plainHttp = await run({ MICROSOFT_APP_ID: APP_ID, HEIMO_PUBLIC_URL: 'http://heimo.example.com' });
    const notGuid = await run({ MICROSOFT_APP_ID: 'my-bot', HEIMO_PUBLIC_URL: 'https://heimo.example.com' });

    expect(plainHttp).toMatchObject({ code: 'CONFIG_INVALID', variable: 'HEIMO_PUBLIC_URL' });
    expect(notGuid).toMatchObject({ code: 'CONFIG_INVALID', variable: 'MICROSOFT_APP_ID' });
    for (const error of [plainHttp, notGuid]) expect(error?.message).not.toMatch(/baseUrl|appId/);
  });

  it('should refuse an unknown option when the command line is wrong', async () => {
    await expect(writeTeamsPackage({ MICROSOFT_APP_ID: APP_ID, HEIMO_PUBLIC_URL: 'https://h.example' }, ['--bogus'], () => undefined, async () => undefined)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
