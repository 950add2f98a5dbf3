import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../bots/app/sandbox/create-sandbox.ts';

// Debian's chromium package; .ci/run installs it. Missing is a failure, never a skip.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };

describe('the sandbox page in a real browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;
  const pane = (id: string): Locator => page.locator(`[data-pane="${id}"]`);
  const send = async (box: Locator, text: string): Promise<void> => {
    await box.fill(text);
    await box.press('Enter');
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
    sandbox = await createSandbox({ port: 0, logLevel: 'error' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(sandbox.url);
    await page.getByText('Heimo is relaying').waitFor(WAIT);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('should bring an employee\'s Slack answer back to the customer\'s Discord thread when the customer asks in #help', async () => {
    await send(pane('discord').getByLabel('Message help'), 'How do I reset my password?');
    const card = pane('slack').locator('[data-card]', { hasText: 'How do I reset my password?' });
    await card.waitFor(WAIT);
    await send(card.getByLabel('Reply in thread'), 'Settings → Security → Reset password.');
    const thread = pane('discord').locator('.thread', { hasText: 'Settings → Security → Reset password.' });
    await thread.waitFor(WAIT);
    const answer = thread.locator('.message.relayed', { hasText: 'Settings → Security → Reset password.' });
    // Heimo posts under the name Slack shows for the employee (the display name).
    await expect(answer.locator('.author').textContent()).resolves.toBe('Alice');
  });

  it('should keep an internal note in Slack and out of Discord when an employee starts a reply with //', async () => {
    const card = pane('slack').locator('[data-card]', { hasText: 'How do I reset my password?' });
    await send(card.getByLabel('Reply in thread'), '// customer is on the legacy plan');
    await card.locator('.message.internal', { hasText: 'legacy plan' }).waitFor(WAIT);
    await send(card.getByLabel('Reply in thread'), 'Anything else I can help with?');
    // The later answer arriving proves the note had its turn: delivery is in order per conversation.
    await pane('discord').getByText('Anything else I can help with?').waitFor(WAIT);
    expect(await pane('discord').getByText('legacy plan').count()).toBe(0);
  });

  it('should update the Slack card when the customer edits the question in Discord', async () => {
    const question = pane('discord').locator('.post > .message', { hasText: 'How do I reset my password?' });
    await question.hover();
    await question.getByRole('button', { name: 'Edit' }).click();
    const box = pane('discord').getByLabel('Edit message');
    await box.fill('How do I reset my password on mobile?');
    await box.press('Enter');
    await pane('slack').locator('[data-card]', { hasText: 'on mobile?' }).waitFor(WAIT);
  });

  it('should bring a Teams answer back to Discord when the customer asks in a channel routed to Teams', async () => {
    await pane('discord').getByRole('tab', { name: /partner-help/ }).click();
    await send(pane('discord').getByLabel('Message partner-help'), 'Does SSO work with Okta?');
    const card = pane('teams').locator('[data-card]', { hasText: 'Does SSO work with Okta?' });
    await card.waitFor(WAIT);
    await send(card.getByLabel('Reply'), 'Yes, through SAML.');
    const answer = pane('discord').locator('.thread .message.relayed', { hasText: 'Yes, through SAML.' });
    await answer.waitFor(WAIT);
    await expect(answer.locator('.author').textContent()).resolves.toBe('Alice Lindqvist');
    if (process.env['SANDBOX_SCREENSHOT']) await page.screenshot({ path: process.env['SANDBOX_SCREENSHOT'], fullPage: false });
  });
});
