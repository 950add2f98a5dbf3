import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../bots/app/sandbox/create-sandbox.ts';
import { launchChromium, WAIT } from '../../support/phone-browser.ts';

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
    browser = await launchChromium();
    sandbox = await createSandbox({ port: 0, logLevel: 'error' });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(sandbox.url);
    await page.getByText('Heimo is relaying').waitFor(WAIT);
  }, 180_000);
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

  it('should carry an employee\'s edit to Discord and a customer\'s reaction to Slack when they act on the answer', async () => {
    const card = pane('slack').locator('[data-card]', { hasText: 'on mobile?' });
    const reply = card.locator('.message', { hasText: 'Settings → Security → Reset password.' });
    await reply.hover();
    await reply.getByRole('button', { name: 'Edit' }).click();
    const box = card.getByLabel('Edit message');
    await box.fill('Settings → Security → Reset password (top right).');
    await box.press('Enter');
    const answer = pane('discord').locator('.thread .message.relayed', { hasText: 'Reset password (top right).' });
    await answer.waitFor(WAIT);
    await answer.hover();
    await answer.getByRole('button', { name: 'React 🎉' }).click();
    // Heimo mirrors the customer's reaction as its own on the employee's Slack message.
    await card.locator('.message', { hasText: 'Reset password (top right).' }).locator('.reaction', { hasText: '🎉 1' }).waitFor(WAIT);
  });

  it('should show the customer\'s thread in the Discord pane when an employee opens a card\'s Discord link', async () => {
    await pane('discord').getByRole('tab', { name: /^💬 questions/ }).click();
    await pane('slack').locator('[data-card]', { hasText: 'on mobile?' }).getByRole('link', { name: 'Open in Discord' }).click();
    await expect(pane('discord').getByRole('tab', { selected: true }).getAttribute('data-channel')).resolves.toBe('help');
    expect(page.url()).toBe(sandbox.url);
  });

  it('should open a conversation from a forum post when the customer posts in the forum', async () => {
    await pane('discord').getByRole('tab', { name: /^💬 questions/ }).click();
    await pane('discord').getByLabel('Post title').fill('SSO login loops');
    await send(pane('discord').getByLabel('Message questions'), 'After SAML login I land on the login page again.');
    const card = pane('slack').locator('[data-card]', { hasText: 'SSO login loops' });
    await card.waitFor(WAIT);
    await send(card.getByLabel('Reply in thread'), 'Clear the IdP session cookie.');
    await pane('discord').locator('.forum-post', { hasText: 'SSO login loops' }).getByText('Clear the IdP session cookie.').waitFor(WAIT);
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
  });

  it('should answer 400 naming the problem and keep serving when the page API gets bad input', async () => {
    const post = (path: string, body: string) => fetch(new URL(path, sandbox.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const empty = await post('/api/discord/ask', JSON.stringify({ channelId: sandbox.standIns.discord.world.ids.help, customerId: sandbox.standIns.discord.world.users.bob.id, text: '   ' }));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/^text: /);
    const unknown = await post('/api/slack/shout', '{}');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('no action "shout"');
    const garbage = await post('/api/teams/reply', 'not json');
    expect(garbage.status).toBe(400);
    const missing = await post('/api/slack/reply', JSON.stringify({ cardTs: '1.000001', employeeId: 'U0ALICE', text: 'hello' }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toContain('no card 1.000001');
    const state = await fetch(new URL('/api/state', sandbox.url));
    expect(state.status).toBe(200);
  });
});
