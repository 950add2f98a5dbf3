import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium package; .ci/run installs it. Missing is a failure, never a skip.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// A common phone: 390 x 844 CSS pixels, touch, mobile viewport rules.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** How long a page's element is waited for. */
export const WAIT = { timeout: 20_000 };

/** A page in headless Chromium the size of a phone, with what went wrong on it. */
export interface PhonePage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, in order: a clean page leaves it empty. */
  problems: string[];
  /** True when nothing is wider than the screen (no sideways scrolling on a phone). */
  fitsTheScreen(): Promise<boolean>;
}

/** Launches Debian's Chromium headless; fails (never skips) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Launches Debian's Chromium and opens a phone-sized page that records its errors. */
export async function openPhonePage(): Promise<PhonePage> {
  const browser = await launchChromium();
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  // (Expressions as text: tests are type-checked without the DOM library.)
  const fitsTheScreen = async (): Promise<boolean> => (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true;
  return { browser, context, page, problems, fitsTheScreen };
}
