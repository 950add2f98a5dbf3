import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKbArgs } from '../../../bots/app/kb-cli/kb-args.ts';
import { exportMarkdown, fileNameOf } from '../../../bots/app/kb-cli/kb-export.ts';
import { countLines, IMPORT_ROW, readJsonl } from '../../../bots/app/kb-cli/jsonl-rows.ts';
import { createProgress } from '../../../bots/app/kb-cli/progress.ts';
import type { PublishedArticle } from '../../../core/knowledge/index.ts';

describe('heimo kb arguments', () => {
  it('should read each command with its options when they are well formed', () => {
    expect(parseKbArgs('import', ['rows.jsonl', '--community', 'acme'])).toEqual({ command: 'import', file: 'rows.jsonl', community: 'acme' });
    expect(parseKbArgs('search', ['--batch', 'q.jsonl', '--top', '5'])).toEqual({ command: 'search-batch', file: 'q.jsonl', top: 5 });
    expect(parseKbArgs('search', ['--batch=q.jsonl'])).toMatchObject({ top: 10 });
    expect(parseKbArgs('export', ['--format', 'json', 'out'])).toEqual({ command: 'export', dir: 'out', format: 'json' });
  });

  it('should name the mistake when the arguments are wrong', () => {
    expect(() => parseKbArgs('import', [])).toThrow(/import takes one JSONL file/);
    expect(() => parseKbArgs('search', ['--batch', 'q.jsonl', '--top', '0'])).toThrow(/--top must be a whole number from 1 to 100/);
    expect(() => parseKbArgs('search', ['text'])).toThrow(/--batch/);
    expect(() => parseKbArgs('export', ['--format', 'pdf', 'out'])).toThrow(/--format must be md or json, got "pdf"/);
    expect(() => parseKbArgs('import', ['a.jsonl', '--bogus'])).toThrow(/Unknown option '--bogus'/);
    expect(() => parseKbArgs('frobnicate', [])).toThrow(/unknown command "frobnicate"/);
  });
});

describe('JSONL rows', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-jsonl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should number every line and say why a line is not a row when some are broken', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, ['\uFEFF{"id": 7, "title": "t", "body": "b", "answer": "a"}', '', '{not json', '[1]', '{"id": "x", "title": "t", "body": "b"}', '{"id": "", "title": "t", "body": "b", "answer": "a"}\r'].join('\n'));
    const lines = [];
    for await (const line of readJsonl(path, IMPORT_ROW)) lines.push(line);

    expect(lines.map((line) => line.line)).toEqual([1, 3, 4, 5, 6]);
    expect(lines[0]).toEqual({ line: 1, row: { id: '7', title: 't', body: 'b', answer: 'a' } });
    expect(lines[1]?.error).toMatch(/^not JSON/);
    expect(lines[2]?.error).toBe('not a JSON object');
    expect(lines[3]?.error).toBe('answer must be text');
    expect(lines[4]?.error).toBe('id is empty');
    expect(await countLines(path)).toBe(6);
  });

  it('should name the file when it does not exist', async () => {
    const reading = async (): Promise<void> => {
      for await (const _ of readJsonl(join(dir, 'nowhere.jsonl'), IMPORT_ROW));
    };
    await expect(reading()).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('nowhere.jsonl: no such file') });
    await expect(countLines(join(dir, 'nowhere.jsonl'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('nowhere.jsonl: no such file') });
    await expect(countLines(dir)).rejects.toMatchObject({ code: 'BAD_INPUT', message: `cannot read ${dir}: it is a directory` });
  });
});

describe('progress', () => {
  it('should draw a bar in place on a terminal and stay quiet on a short run', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = createProgress({ total: 200, label: 'lines', output: { isTTY: true, write: (text) => written.push(text) }, now: () => clock });
    progress.update(10);
    expect(written).toEqual([]);
    clock = 600;
    progress.update(100);
    clock = 650;
    progress.update(120);
    progress.finish(200);
    expect(written).toEqual([`\r[${'#'.repeat(15)}${'-'.repeat(15)}] 50% 100/200 lines`, `\r[${'#'.repeat(30)}] 100% 200/200 lines\n`]);
  });

  it('should write a plain line now and then when stderr is not a terminal', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = createProgress({ total: 1000, label: 'lines', output: { isTTY: false, write: (text) => written.push(text) }, now: () => clock, lineEveryMs: 1000 });
    clock = 500;
    progress.update(100);
    clock = 1000;
    progress.update(250);
    clock = 1500;
    progress.update(400);
    clock = 2100;
    progress.update(600);
    progress.finish(1000);
    expect(written).toEqual(['250 of 1000 lines (25%)\n', '600 of 1000 lines (60%)\n']);
  });
});

describe('export files', () => {
  it('should write front matter as JSON values and keep names only as consented when an article is exported', () => {
    const article: PublishedArticle = {
      id: 'a-1', communityId: 'acme', sourceId: '42', title: 'Reset *password*', question: 'How?', answer: 'Like this.', context: '', tags: ['x'], product: null, version: null, language: 'en',
      visibility: 'community', contributors: [{ role: 'answerer', name: null, staff: true }], sources: [{ platform: 'slack', url: 'https://acme.slack.com/x' }],
      lastVerifiedAt: null, publishedAt: new Date('2026-11-01T00:00:00Z'), updatedAt: new Date('2026-11-02T00:00:00Z'),
    };
    const md = exportMarkdown(article);
    expect(md).toContain('---\nid: "a-1"\ntitle: "Reset *password*"\ncommunity: "acme"\nsource_id: "42"\nvisibility: "community"');
    expect(md).toContain('# Reset \\*password\\*');
    expect(md).toContain('## Answer\n\nLike this.');
    expect(md).toContain('- answerer: a staff member');
    expect(md).toContain('- slack: <https://acme.slack.com/x>');
    expect(fileNameOf('../etc/passwd', 'md')).toBe('__etc_passwd.md');
  });
});
