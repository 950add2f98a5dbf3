import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, startKbWebWorld, type KbWebWorld } from '../../integration/kb-web/kb-web-world.ts';
import { openPhonePage, WAIT, type PhonePage } from '../../support/phone-browser.ts';


describe('the knowledge base pages in a real browser on a phone', () => {
  let world: KbWebWorld;
  let phone: PhonePage;
  let page: Page;
  const dialogs: string[] = [];
  // Nothing may be wider than the screen: no sideways scrolling on a phone.
  const fitsTheScreen = (): Promise<boolean> => phone.fitsTheScreen();

  beforeAll(async () => {
    phone = await openPhonePage();
    page = phone.page;
    // Links follow the Host the browser sends, so every link stays on this server.
    world = await startKbWebWorld({ publicUrl: null });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 180_000);
  afterAll(async () => {
    await phone?.browser.close();
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
    expect(phone.problems).toEqual([]);
  });
});
