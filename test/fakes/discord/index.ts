export { createFakeDiscord, type FakeDiscord, type FakeDiscordConfig, type AuthorRef } from './create-fake-discord.ts';
export type { FakeFailure, LoggedRequest, RequestMatch } from './rest.ts';
export type { FakeChannel, FakeMessage, FakeReaction, FakeUser, FakeWebhook } from './state.ts';
