import type { CardView, OutboundMessage } from '../../../core/ports/delivery.ts';

/** A conversation card view; override what a test is about. */
export const view = (overrides: Partial<CardView> = {}): CardView => ({
  conversationId: 'conv-1',
  communityName: 'Acme Community',
  asker: { displayName: 'Cara Customer' },
  title: 'Login fails after update',
  text: 'Since 2.3 I get:\n```\nError: token < 0\n```',
  status: 'open',
  customerThreadUrl: 'https://discord.com/channels/1/2/3',
  idempotencyKey: 'card-entry-1',
  isRetry: false,
  ...overrides,
});

/** A customer message with code, a typed <at> mention and @everyone. */
export const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  author: { displayName: 'Cara <Customer>' },
  text: 'Here is the log:\n```ts\nconst ok = a < b && c > d;\n```\n<at>Erin Employee</at> please look, @everyone',
  internal: false,
  idempotencyKey: 'msg-entry-1',
  isRetry: false,
  ...overrides,
});

/** Text of `paragraphs` paragraphs of about 9,000 characters each, numbered. */
export const longText = (paragraphs: number): string => Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} ${'x'.repeat(9_000)}`).join('\n\n');
