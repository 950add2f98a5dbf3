// Heimo's public entry for the platform bots (bots/discord, bots/slack, bots/teams): they import
// core only from here. The composition root (bots/app) may also reach each module's own index.ts.

// Domain types and the events a bot hands the core.
export * from './domain/types.ts';
export * from './domain/events.ts';
export * from './errors.ts';

// The ports a bot implements or is given.
export * from './ports/bot.ts';
export * from './ports/commands.ts';
export * from './ports/delivery.ts';
export * from './ports/doctor.ts';
export * from './ports/logger.ts';
export type { BackfillPlace, BackfillPlan, BackfillReport, OpenThread } from './backfill/index.ts';

// Commands: the definitions bots render, and the parser of commands typed as text (Slack, Teams).
export type { ArgValue, CommandDefinition, CommandForm, CommandFormField, CommandGroup, CommandInvocation, CommandOption, CommandReply, InvokingPerson, QuestionRef, TargetMessage } from './commands/index.ts';
export { commandPath, createCommandRegistry, normalName, parseCommandText, type CommandRegistry, type ParsedCommandText } from './commands/index.ts';
export { SUPPORTED_LOCALES, translator, type MessageKey, type SupportedLocale } from './i18n/index.ts';

// Shared helpers bots build on.
export { createLogger, type LoggerConfig, type ProcessLogger } from './logger.ts';
export { createBoundedCache, type BoundedCache } from './bounded-cache.ts';
export { recordRejectedInput, type RejectedInput } from './rejected-input.ts';
export { readAtMost, retryAfterMs } from './files/index.ts';

// The shared message-format pieces each bot's text-in.ts / text-out.ts builds on.
export * from './format/index.ts';
