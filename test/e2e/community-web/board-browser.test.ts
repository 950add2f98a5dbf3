import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoardWorld, type BoardWorld } from '../../integration/community-web/board-world.ts';
import { openPhonePage, WAIT, type PhonePage } from '../../support/phone-browser.ts';


describe('the public leaderboard page in a real browser on a phone', () => {
  let world: BoardWorld;
  let phone: PhonePage;
  let page: Page;
  const fitsTheScreen = (): Promise<boolean> => phone.fitsTheScreen();

  beforeAll(async () => {
    phone = await openPhonePage();
    page = phone.page;
    world = await startBoardWorld();
  }, 180_000);
  afterAll(async () => {
    await phone?.browser.close();
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
    expect(phone.problems).toEqual([]);
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
