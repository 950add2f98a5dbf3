export { createFakeDiscord, type FakeDiscord, type FakeDiscordConfig, type AuthorRef } from './create-fake-discord.ts';
export type { FakeFailure, LoggedRequest, RequestMatch } from './rest.ts';
export type { FakeAttachment, FakeChannel, FakeMessage, FakeReaction, FakeUser, FakeWebhook } from './state.ts';
export type { CdnKnobs, CdnRequest } from './cdn.ts';
export type { UploadedFile } from './messages.ts';
export type { FakeAppCommand, FakeCommandOption } from './app-commands.ts';
export type { RoleChange } from './member-roles.ts';
export type { FakeInteraction, FakeInteractionReply } from './interactions.ts';
export type { InteractionBy } from './interaction-actions.ts';
