import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, startKbWebWorld, type KbWebWorld } from '../../integration/kb-web/kb-web-world.ts';

// Debian's chromium package; .ci/run installs it. Missing is a failure, never a skip.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };
// A common phone: 390 x 844 CSS pixels, touch, mobile viewport rules.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('the knowledge base pages in a real browser on a phone', () => {
  let world: KbWebWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const problems: string[] = [];

  // Nothing may be wider than the screen: no sideways scrolling on a phone.
  // (Expressions as text: this file is type-checked without the DOM library.)
  const fitsTheScreen = async (): Promise<boolean> => (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
    // Links follow the Host the browser sends, so every link stays on this server.
    world = await startKbWebWorld({ publicUrl: null });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    context = await browser.newContext({ ...PHONE, javaScriptEnabled: true });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('should open the index, search from its box and open the article found when a reader looks for an answer', async () => {
    await page.goto(`${world.heimo.url}/kb`);
    await page.getByRole('heading', { name: 'Newest articles' }).waitFor(WAIT);
    expect(await fitsTheScreen()).toBe(true);

    await page.getByRole('searchbox', { name: 'Search the knowledge base' }).fill('export fails with error 42');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Results for "export fails with error 42"' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/kb/search');
    expect(await fitsTheScreen()).toBe(true);

    await page.getByRole('link', { name: 'Export fails with error 42' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Export fails with error 42' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe(`/kb/articles/${world.seeded.captured}`);
    await page.getByRole('heading', { name: 'Accepted answer' }).waitFor(WAIT);
    expect(await page.locator('section.answer').textContent()).toContain('Turn off image compression under Settings, then export again.');
    expect(await fitsTheScreen()).toBe(true);
    // Readable without zooming: body text at least 16 CSS pixels.
    expect(Number.parseFloat(String(await page.evaluate('getComputedStyle(document.body).fontSize')))).toBeGreaterThanOrEqual(16);
  });

  it('should carry JSON-LD that parses to a QAPage with an accepted answer when the article is open', async () => {
    const blocks = page.locator('script[type="application/ld+json"]');
    expect(await blocks.count()).toBe(1);
    const ld = JSON.parse((await blocks.textContent()) ?? '') as Record<string, any>;

    expect(ld['@type']).toBe('QAPage');
    expect(ld['mainEntity']['@type']).toBe('Question');
    expect(ld['mainEntity']['name']).toBe('Export fails with error 42');
    expect(ld['mainEntity']['acceptedAnswer']).toMatchObject({ '@type': 'Answer', text: 'Turn off image compression under Settings, then export again.' });
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(page.url());
  });

  it('should show a script in an article as text and run nothing when the article holds one', async () => {
    await page.goto(`${world.heimo.url}/kb/articles/${world.seeded.hostile}`);
    const title = page.getByRole('heading', { level: 1 });
    await title.waitFor(WAIT);

    expect(await title.textContent()).toBe(`Reset ${HOSTILE} password`);
    expect(await page.locator('section.answer').textContent()).toContain(HOSTILE);
    expect(await fitsTheScreen()).toBe(true);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
