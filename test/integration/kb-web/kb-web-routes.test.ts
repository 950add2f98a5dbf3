import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../bots/app/http-server.ts';
import { createKbWeb } from '../../../bots/app/kb-web/create-kb-web.ts';
import { MAX_QUERY_CHARS } from '../../../bots/app/kb-web/kb-input.ts';
import { createLogger } from '../../../core/logger.ts';
import { get, HOSTILE, jsonLdOf, PUBLIC_URL, startKbWebWorld, type KbWebWorld } from './kb-web-world.ts';

describe('the knowledge base on the web, over HTTP on the real database', () => {
  let world: KbWebWorld;
  let base: string;
  const page = (path: string) => get(base, path);
  const allHidden = () => Object.entries(world.seeded.hidden);

  beforeAll(async () => {
    world = await startKbWebWorld();
    base = world.heimo.url;
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('should list the newest public articles twenty to a page with links between pages when /kb is opened', async () => {
    const first = await page('/kb');
    const second = await page('/kb?page=2');
    const titles = (html: string) => [...html.matchAll(/<a class="title" href="[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]);

    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(first.body).toContain('<form class="search" action="https://help.example.com/support/kb/search" method="get" role="search">');
    expect(titles(first.body)).toHaveLength(20);
    // Imported last, so newest: the first page opens with them.
    expect(titles(first.body)[0]).toMatch(/^Imported question number \d+ about invoices$/);
    expect(first.body).toContain(`<a rel="next" href="${PUBLIC_URL}/kb?page=2">Older articles</a>`);
    // 22 imported + the hostile and the captured article = 24.
    expect(titles(second.body)).toHaveLength(4);
    expect(second.body).toContain(`<a rel="prev" href="${PUBLIC_URL}/kb">Newer articles</a>`);
    for (const html of [first.body, second.body]) expect(html).not.toContain('Hidden');
    expect((await page('/kb?page=0')).status).toBe(400);
    expect((await page('/kb?page=3')).status).toBe(404);
  });

  it('should answer 404 for a draft, rejected, retired, community-only or staff-only article on both the page and the API', async () => {
    for (const [what, id] of [...allHidden(), ['unknown', 'no-such-article'], ['overlong', 'x'.repeat(300)]] as const) {
      const html = await page(`/kb/articles/${id}`);
      const api = await page(`/api/kb/articles/${id}`);
      expect(html.status, what).toBe(404);
      expect(html.body, what).toContain('There is no published article here.');
      expect(html.body, what).not.toContain('Hidden');
      expect(api.status, what).toBe(404);
      expect(JSON.parse(api.body), what).toEqual({ error: 'no published public article with this id' });
    }
  });

  it('should show a script in an article as text, with QAPage JSON-LD, canonical link and OpenGraph, when the article page is opened', async () => {
    const { status, body, headers } = await page(`/kb/articles/${world.seeded.hostile}`);
    const url = `${PUBLIC_URL}/kb/articles/${world.seeded.hostile}`;

    expect(status).toBe(200);
    expect(body).not.toContain('<script>alert');
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).toContain('Reset &lt;script&gt;alert(&quot;kb&quot;)&lt;/script&gt; password');
    expect(body).toContain('<strong>Settings</strong> &lt;script&gt;');
    expect(body).toContain(`<link rel="canonical" href="${url}">`);
    expect(body).toContain(`<meta property="og:url" content="${url}">`);
    expect(body).toContain('<meta property="og:title" content="Reset &lt;script&gt;alert(&quot;kb&quot;)&lt;/script&gt; password">');
    expect(body).toContain('<meta property="og:site_name" content="Acme">');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    const ld = jsonLdOf(body);
    expect(ld).toMatchObject({ '@context': 'https://schema.org', '@type': 'QAPage', url });
    expect(ld['mainEntity']).toMatchObject({ '@type': 'Question', name: `Reset ${HOSTILE} password`, answerCount: 1, text: `How do I reset it? ${HOSTILE}` });
    expect(ld['mainEntity']['acceptedAnswer']).toMatchObject({ '@type': 'Answer', text: `Open Settings ${HOSTILE} and press Reset.`, url: `${url}#answer` });
  });

  it('should show contributors without names and only the customers\' thread when nobody consented to being named', async () => {
    const { status, body } = await page(`/kb/articles/${world.seeded.captured}`);
    const ld = jsonLdOf(body);

    expect(status).toBe(200);
    expect(body).toContain('A community member');
    expect(body).toContain('A staff member');
    expect(body).not.toContain('Ann Asker');
    expect(body).not.toContain('Erin Employee');
    expect(body).toMatch(/<a href="https:\/\/discord\.test\/t\d+" rel="nofollow noopener">The discussion on Discord<\/a>/);
    expect(body).not.toContain('slack.test');
    expect(ld['mainEntity']['author']).toBeUndefined();
    expect(ld['mainEntity']['acceptedAnswer']['author']).toBeUndefined();
  });

  it('should find public articles only when the JSON search is asked, each with its canonical url', async () => {
    const { status, body, headers } = await page('/api/kb/search?q=export%20fails%20with%20error%2042&limit=50');
    const { results } = JSON.parse(body) as { results: Array<{ id: string; title: string; score: number; url: string }> };

    expect(status).toBe(200);
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(results[0]).toEqual({ id: world.seeded.captured, title: 'Export fails with error 42', score: expect.any(Number), url: `${PUBLIC_URL}/kb/articles/${world.seeded.captured}` });
    const hiddenIds = new Set(Object.values(world.seeded.hidden));
    expect(results.filter((result) => hiddenIds.has(result.id))).toEqual([]);
    expect(JSON.parse((await page('/api/kb/search?q=invoice&limit=3')).body).results).toHaveLength(3);
  });

  it('should answer 400 with a clear JSON error when the search text or limit is out of bounds', async () => {
    const cases: Array<[string, string, string]> = [
      [`/api/kb/search?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`, 'q', `q is too long: at most ${MAX_QUERY_CHARS} characters`],
      ['/api/kb/search?q=hello&limit=0', 'limit', 'limit must be a whole number from 1 to 50, got "0"'],
      ['/api/kb/search?q=hello&limit=51', 'limit', 'limit must be a whole number from 1 to 50, got "51"'],
      ['/api/kb/search?q=hello&limit=many', 'limit', 'limit must be a whole number from 1 to 50, got "many"'],
      ['/api/kb/search', 'q', 'q is required: the text to search for'],
    ];
    for (const [path, field, error] of cases) {
      const answer = await page(path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body), path).toEqual({ error, field });
    }
    expect((await page('/api/kb/nothing')).status).toBe(404);
  });

  it('should serve the public article as JSON when the API is asked for it', async () => {
    const { status, body } = await page(`/api/kb/articles/${world.seeded.captured}`);
    const article = JSON.parse(body) as Record<string, unknown>;

    expect(status).toBe(200);
    expect(article).toMatchObject({ id: world.seeded.captured, url: `${PUBLIC_URL}/kb/articles/${world.seeded.captured}`, title: 'Export fails with error 42', publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(article['answer']).toContain('Turn off image compression');
    expect(article['contributors']).toEqual([
      { role: 'asker', name: null, staff: false },
      { role: 'answerer', name: null, staff: true },
      { role: 'accepter', name: null, staff: false },
    ]);
    expect(article['sources']).toEqual([{ platform: 'discord', url: expect.stringMatching(/^https:\/\/discord\.test\//) }]);
  });

  it('should show results on the HTML search page and refuse an overlong query with a readable page', async () => {
    const found = await page('/kb/search?q=export%20fails');
    const tooLong = await page(`/kb/search?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`);
    const empty = await page('/kb/search?q=');
    const finnish = await get(base, `/kb/search?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`, { 'accept-language': 'fi-FI,en;q=0.5' });

    expect(found.status).toBe(200);
    expect(found.body).toContain('Results for &quot;export fails&quot;');
    expect(found.body).toContain(`href="${PUBLIC_URL}/kb/articles/${world.seeded.captured}"`);
    expect(found.body).toContain('<meta name="robots" content="noindex">');
    expect(found.body).not.toContain('Hidden');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain(`The search text is too long: at most ${MAX_QUERY_CHARS} characters.`);
    expect(finnish.body).toContain(`Hakuteksti on liian pitkä: enintään ${MAX_QUERY_CHARS} merkkiä.`);
    expect(empty.status).toBe(303);
    expect(empty.headers['location']).toBe(`${PUBLIC_URL}/kb`);
  });

  it('should list every public article and nothing else when the sitemap is fetched', async () => {
    const { status, body, headers } = await page('/kb/sitemap.xml');
    const locations = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);

    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    expect(locations).toHaveLength(1 + world.seeded.imported + 2);
    expect(locations).toContain(`${PUBLIC_URL}/kb`);
    expect(locations).toContain(`${PUBLIC_URL}/kb/articles/${world.seeded.hostile}`);
    for (const [, id] of allHidden()) expect(locations).not.toContain(`${PUBLIC_URL}/kb/articles/${id}`);
  });

  it('should drop an article from pages, search and sitemap at once when it is retired', async () => {
    const id = (await world.kb.publish((await world.kb.add({ communityId: 'acme', content: { title: 'Short-lived answer about sprockets', question: 'Where are the sprockets?', answer: 'In the shed.' }, actor: { kind: 'heimo' } })).id, { kind: 'heimo' })).id;
    expect((await page(`/kb/articles/${id}`)).status).toBe(200);
    expect(JSON.parse((await page('/api/kb/search?q=sprockets')).body).results.map((r: { id: string }) => r.id)).toContain(id);

    await world.kb.retire(id, { kind: 'heimo' });

    expect((await page(`/kb/articles/${id}`)).status).toBe(404);
    expect(JSON.parse((await page('/api/kb/search?q=sprockets')).body).results.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await page('/kb/sitemap.xml')).body).not.toContain(id);
  });
});

describe('the knowledge base web without HEIMO_PUBLIC_URL', () => {
  let world: KbWebWorld;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    world = await startKbWebWorld();
    const logger = createLogger({ level: 'silent' });
    server = createHttpServer({ routes: [], ops: express.Router(), pages: createKbWeb({ knowledge: world.kb, publicUrl: null, communityName: () => undefined, logger }), logger });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await world?.stop();
  });

  it('should build canonical links from the request\'s Host, and refuse a Host that is not a host name', async () => {
    const good = await get(base, `/kb/articles/${world.seeded.hostile}`, { host: 'KB.Example.test:8080' });
    const bad = await get(base, `/api/kb/articles/${world.seeded.hostile}`, { host: 'evil"><script>' });

    expect(good.body).toContain(`<link rel="canonical" href="http://kb.example.test:8080/kb/articles/${world.seeded.hostile}">`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'the request has no valid Host header (set HEIMO_PUBLIC_URL)' });
  });
});
