import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer } from '../../bots/app/http-server.ts';
import type { Destination } from '../../core/domain/types.ts';
import type { Bot } from '../../core/ports/bot.ts';
import type { CardView, EmployeeDelivery } from '../../core/ports/delivery.ts';
import { createLogger } from '../../core/logger.ts';
import type { QuestionPlace } from './command-side.ts';
import type { PlaceMaker } from './command-world.ts';

let cards = 0;

// An open card as Heimo shows it, with the buttons the contract presses.
const openCard = (title: string, conversationId: string, key: string): CardView => ({
  conversationId, communityName: 'Acme', asker: { displayName: 'Asker' }, title, text: title, status: 'open',
  customerThreadUrl: 'https://discord.com/channels/g1/contract', idempotencyKey: key, isRetry: false, statusLabel: 'Open',
  actions: [{ command: 'claim', label: 'Claim' }, { command: 'resolve', label: 'Resolve', style: 'primary' }],
});

/**
 * Where a question lives on Slack and Teams: a card the real bot posts in `destination` (before the
 * question is stored, so it first carries no conversation), updated once stored to carry it, as
 * Heimo's card updates do.
 */
export function createCardPlaces(bot: Bot<EmployeeDelivery>, destination: Destination): Pick<PlaceMaker, 'place' | 'stored'> {
  const titles = new Map<string, string>();
  return {
    async place(title) {
      const key = `contract-card-${++cards}`;
      const card = await bot.delivery.postCard(destination, openCard(title, 'unstored', key));
      titles.set(card.cardMessageId, title);
      return { place: { channelId: card.channelId, threadId: card.threadId, cardMessageId: card.cardMessageId } };
    },
    async stored(question: QuestionPlace) {
      const title = titles.get(question.cardMessageId) ?? 'Question';
      await bot.delivery.updateCard(destination, question, openCard(title, question.conversationId, `contract-stored-${question.conversationId}`));
    },
  };
}

/** Serves a bot's routes on Heimo's own HTTP server (127.0.0.1, a free port): its URL and a way to stop it. */
export async function serveBot(bot: Bot): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer({ routes: bot.routes, ops: express.Router(), logger: createLogger({ level: 'error' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
