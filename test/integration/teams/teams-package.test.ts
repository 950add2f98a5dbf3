import { inflateSync } from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsAppPackage, commandLists, type TeamsMenuCommand } from '../../../bots/teams/package/build-teams-app-package.ts';
import { HeimoError } from '../../../core/errors.ts';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** Reads width, height and RGBA pixels back out of a PNG (8-bit RGBA, filter 0, as the builder writes). */
function decodePng(bytes: Uint8Array): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  expect(rows.length).toBe(height * (1 + width * 4));
  return { width, height, pixel: (x, y) => [...rows.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)] };
}

describe('Teams app package', () => {
  const files = unzipSync(buildTeamsAppPackage({ appId: APP_ID, botName: 'Acme Heimo', baseUrl: 'https://heimo.acme.example', communities: ['Acme'] }));
  const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as { description: { full: string } } & Record<string, unknown>;

  it('should hold exactly the manifest and both icons when unzipped', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('should declare a team-scoped bot with the app id and resource-specific consent to read channel messages', () => {
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      id: APP_ID,
      name: { short: 'Acme Heimo' },
      icons: { color: 'color.png', outline: 'outline.png' },
      bots: [{ botId: APP_ID, scopes: ['team', 'personal'] }],
      validDomains: ['heimo.acme.example'],
      webApplicationInfo: { id: APP_ID },
      authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
      developer: { websiteUrl: 'https://heimo.acme.example', privacyUrl: 'https://heimo.acme.example/privacy', termsOfUseUrl: 'https://heimo.acme.example/terms' },
    });
    expect(manifest.description.full).toContain('Acme');
  });

  it('should draw a 192x192 opaque colour icon and a 32x32 white-on-transparent outline icon', () => {
    const color = decodePng(files['color.png'] ?? new Uint8Array());
    const outline = decodePng(files['outline.png'] ?? new Uint8Array());

    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixel(0, 0)).toEqual([0x5b, 0x5f, 0xc7, 255]);
    expect(color.pixel(60, 96)).toEqual([255, 255, 255, 255]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(outline.pixel(10, 16)).toEqual([255, 255, 255, 255]);
    for (let y = 0; y < 32; y += 1) {
      for (let x = 0; x < 32; x += 1) {
        const [r, g, b, a] = outline.pixel(x, y);
        expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
      }
    }
  });

  it('should refuse an app id that is not a GUID and a developer link that is not https', () => {
    expect(() => buildTeamsAppPackage({ appId: 'not-a-guid', baseUrl: 'https://heimo.example' })).toThrow(HeimoError);
    expect(() => buildTeamsAppPackage({ appId: APP_ID, baseUrl: 'http://heimo.example' })).toThrow(/https/);
    expect(() => buildTeamsAppPackage({ appId: APP_ID })).toThrow(/baseUrl or websiteUrl/);
  });

  it('should list card and channel commands first for teams, 10 at most, and only channel-free ones for the 1:1 chat', () => {
    const commands: TeamsMenuCommand[] = [
      { name: 'help', description: 'Show what Heimo can do', scope: 'any' },
      ...Array.from({ length: 9 }, (_, i) => ({ name: `q${i}`, description: `Question command ${i}`, scope: 'question' as const })),
      { name: 'queue', description: 'x'.repeat(200), scope: 'channel' },
      { name: 'deliveries', description: 'Failed deliveries', scope: 'any' },
    ];

    const [team, personal] = commandLists(commands) as Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;

    expect(team?.scopes).toEqual(['team']);
    expect(team?.commands.map((command) => command.title)).toEqual([...Array.from({ length: 9 }, (_, i) => `q${i}`), 'queue']);
    expect(team?.commands[9]?.description).toHaveLength(128);
    expect(personal).toEqual({ scopes: ['personal'], commands: [{ title: 'help', description: 'Show what Heimo can do' }, { title: 'deliveries', description: 'Failed deliveries' }] });
    const withMenu = JSON.parse(strFromU8(unzipSync(buildTeamsAppPackage({ appId: APP_ID, baseUrl: 'https://h.example', commands }))['manifest.json'] ?? new Uint8Array())) as { bots: Array<{ commandLists: unknown }> };
    expect(withMenu.bots[0]?.commandLists).toEqual([team, personal]);
  });
});
