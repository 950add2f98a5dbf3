import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoardWorld, type BoardWorld } from '../../integration/community-web/board-world.ts';

// Debian's chromium package; .ci/run installs it. Missing is a failure, never a skip.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };
// A common phone: 390 x 844 CSS pixels, touch, mobile viewport rules.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('the public leaderboard page in a real browser on a phone', () => {
  let world: BoardWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  // (Expressions as text: this file is type-checked without the DOM library.)
  const fitsTheScreen = async (): Promise<boolean> => (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
    world = await startBoardWorld();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await (await browser.newContext({ ...PHONE, javaScriptEnabled: true })).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('should show a consented person with points and tier and leave out who did not consent when the page is opened', async () => {
    await page.goto(`${world.url}/community/leaderboard?window=all`);
    await page.getByRole('heading', { level: 1, name: 'Leaderboard: Acme' }).waitFor(WAIT);
    const table = page.getByRole('table', { name: 'Leaderboard' });
    const ann = table.getByRole('row', { name: /Ann/ });
    expect(await ann.getByRole('cell').allTextContents()).toEqual(['1', '13', 'Helper']);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['Ann', 'd-lone']);
    expect(await page.getByText('Ben').count()).toBe(0);
    expect(await page.getByText('Sam').count()).toBe(0);
    expect(await fitsTheScreen()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('should move to another period by its link and mark it as the current one', async () => {
    await page.goto(`${world.url}/community/leaderboard?window=all`);
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'last 7 days' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leaderboard: Acme' }).waitFor(WAIT);
    expect(new URL(page.url()).search).toBe('?window=7d');
    expect(await page.getByRole('link', { name: 'last 7 days' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('table', { name: 'Leaderboard' }).getByRole('rowheader').allTextContents()).toEqual(['Ann', 'd-lone']);
    expect(await fitsTheScreen()).toBe(true);
  });
});
