import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { fatalOf, killLeftovers, runHeimo } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, type HeimoStore } from './heimo-store.ts';

// Topics with words of their own, so each query has one right answer whatever the ranking method.
const TOPICS = [
  ['password', 'How do I reset my password?', 'I forgot my password and cannot sign in.', 'Use the Forgot password link on the sign-in page.'],
  ['invoice', 'Where can I download an invoice?', 'I need a PDF invoice for accounting.', 'Billing, then Invoices, then Download PDF.'],
  ['export', 'Export fails with error 42', 'Exporting a report with images fails.', 'Turn off image compression, then export again.'],
  ['webhook', 'Webhook deliveries time out', 'Our webhook endpoint never receives events.', 'Answer within 10 seconds and return status 200.'],
  ['avatar', 'Cannot change my avatar picture', 'Uploading a new avatar image does nothing.', 'Avatars must be PNG or JPEG under 2 MB.'],
] as const;

/** 30 rows: the five topics, then filler, with three broken lines among them (lines 8, 15 and 22). */
function importFile(): string {
  const lines: string[] = [];
  let filler = 0;
  for (let line = 1; lines.length < 33; line += 1) {
    if (line === 8) lines.push('{"id": "broken", "title": "no closing brace"');
    else if (line === 15) lines.push(JSON.stringify({ id: 'no-answer', title: 'A question', body: 'Without an answer' }));
    else if (line === 22) lines.push(JSON.stringify({ id: 'empty-title', title: '', body: 'x', answer: 'y' }));
    else {
      const topic = TOPICS[lines.length];
      filler += topic === undefined ? 1 : 0;
      const row = topic === undefined ? { id: 1000 + filler, title: `Filler question ${filler} about quarterly sprocket reports`, body: `Sprocket report ${filler}`, answer: `See sprocket guide ${filler}.` } : { id: topic[0], title: topic[1], body: topic[2], answer: topic[3] };
      lines.push(JSON.stringify(row));
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('heimo kb import, search --batch and export (the built CLI)', () => {
  let store: HeimoStore;
  let env: Env;
  const file = (name: string): string => join(store.dir, name);

  beforeAll(async () => {
    store = await createHeimoStore({ migrated: true });
    await writeFile(file('network.json'), JSON.stringify({ communities: [{ id: 'acme', name: 'Acme', discordGuildId: '100000000000000001', routes: [] }] }));
    env = { ...store.env, HEIMO_CONFIG: file('network.json'), LOG_LEVEL: 'warn' };
    await writeFile(file('rows.jsonl'), importFile());
  }, 120_000);
  afterAll(async () => {
    await killLeftovers();
    await store?.dispose();
    await removeStoreTemplate();
  });

  it('should import the good rows into the only community and report the rejected ones by line, exiting 1', async () => {
    const result = await runHeimo(['kb', 'import', file('rows.jsonl')], env, 120_000);

    expect(result.stdout.split('\n')).toEqual([
      `${file('rows.jsonl')}: 30 created, 0 updated, 3 rejected`,
      // V8 words its JSON errors differently from version to version.
      expect.stringMatching(/^line 8: not JSON: .+/),
      'line 15: answer must be text',
      'line 22: title: must not be empty',
      '',
    ]);
    expect(result.code).toBe(1);
  });

  it('should update the articles of ids imported before and exit 0 when every row is good', async () => {
    await writeFile(file('again.jsonl'), `${JSON.stringify({ id: 'password', title: TOPICS[0][1], body: TOPICS[0][2], answer: 'Use the Forgot password link; the link lasts 24 hours.' })}\n${JSON.stringify({ id: 'brand-new', title: 'Dark mode', body: 'Is there a dark mode?', answer: 'Settings, then Appearance.' })}\n`);
    const result = await runHeimo(['kb', 'import', file('again.jsonl'), '--community', 'acme'], env, 120_000);

    expect(result.stdout).toBe(`${file('again.jsonl')}: 1 created, 1 updated, 0 rejected\n`);
    expect(result.code).toBe(0);
  });

  it('should print one JSON line per query row with the source ids of the closest articles when searching a batch', async () => {
    const queries = [
      { id: 1, title: 'forgot my password', body: 'cannot sign in anymore' },
      { id: 'q-invoice', title: 'download a PDF invoice', body: '' },
      { id: 'q-export', title: 'report export error 42 with images', body: 'it fails' },
      { id: 'q-webhook', title: 'webhook endpoint receives no events', body: 'deliveries time out' },
    ];
    await writeFile(file('queries.jsonl'), `${queries.map((query) => JSON.stringify(query)).join('\n')}\nnot json\n`);
    const result = await runHeimo(['kb', 'search', '--batch', file('queries.jsonl'), '--top', '3'], env, 120_000);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: unknown; results: Array<{ id: string; score: number }> });

    expect(lines.map((line) => line.id)).toEqual([1, 'q-invoice', 'q-export', 'q-webhook']);
    expect(lines.map((line) => line.results[0]?.id)).toEqual(['password', 'invoice', 'export', 'webhook']);
    for (const line of lines) {
      expect(line.results.length).toBeGreaterThan(0);
      expect(line.results.length).toBeLessThanOrEqual(3);
      // A score is the hit's own confidence in [0, 1]: the best hit is close, later ones may be far.
      expect(line.results[0]?.score).toBeGreaterThan(0);
      for (const hit of line.results) expect(hit.score >= 0 && hit.score <= 1).toBe(true);
    }
    expect(result.stderr).toContain('line 5: not JSON');
    expect(result.code).toBe(1);
  });

  it('should write one file per published article and an index when exporting as Markdown or JSON', async () => {
    const md = await runHeimo(['kb', 'export', '--format', 'md', file('out-md')], env, 120_000);
    const json = await runHeimo(['kb', 'export', '--format', 'json', file('out-json')], env, 120_000);
    const index = JSON.parse(await readFile(join(file('out-json'), 'index.json'), 'utf8')) as { count: number; articles: Array<{ id: string; sourceId: string; file: string }> };
    const password = index.articles.find((article) => article.sourceId === 'password');

    expect(md.code).toBe(0);
    expect(md.stdout).toBe(`exported 31 published article(s) to ${file('out-md')} (md, index.md)\n`);
    expect(json.code).toBe(0);
    expect((await readdir(file('out-md'))).length).toBe(32);
    expect((await readdir(file('out-json'))).length).toBe(32);
    expect(index.count).toBe(31);
    expect(JSON.parse(await readFile(join(file('out-json'), password?.file ?? ''), 'utf8'))).toMatchObject({ id: password?.id, sourceId: 'password', answer: 'Use the Forgot password link; the link lasts 24 hours.', visibility: 'public' });
    const markdown = await readFile(join(file('out-md'), `${password?.id ?? ''}.md`), 'utf8');
    expect(markdown).toContain('title: "How do I reset my password?"');
    expect(markdown).toContain('## Answer\n\nUse the Forgot password link; the link lasts 24 hours.');
    expect(await readFile(join(file('out-md'), 'index.md'), 'utf8')).toContain(`- [How do I reset my password?](${password?.id ?? ''}.md) (source id password)`);
  });

  it('should name the mistake and exit 1 when the community is unknown or the arguments are wrong', async () => {
    const unknown = await runHeimo(['kb', 'import', file('rows.jsonl'), '--community', 'nope'], env);
    const badTop = await runHeimo(['kb', 'search', '--batch', file('queries.jsonl'), '--top', '0'], env);
    const missing = await runHeimo(['kb', 'import', file('missing.jsonl')], env);

    expect(unknown.code).toBe(1);
    expect(fatalOf(unknown.stderr)).toBe('heimo kb import: no community "nope" in the network file (communities: acme)');
    expect(badTop.code).toBe(1);
    expect(fatalOf(badTop.stderr)).toContain('--top must be a whole number from 1 to 100, got "0"');
    expect(missing.code).toBe(1);
    expect(fatalOf(missing.stderr)).toContain(`cannot read ${file('missing.jsonl')}: no such file`);
  });
});
