import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../core/index.ts';

/** The request an error belongs to, as it may appear in logs: never a webhook token. */
export interface RequestLabel {
  method: string;
  path: string;
}

/** Discord JSON error codes the bot acts on. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownEmoji: 10014,
  UnknownWebhook: 10015,
  MaximumReactions: 30010,
  MissingPermissions: 50013,
  InvalidWebhookToken: 50027,
  ThreadArchived: 50083,
  RequestEntityTooLarge: 40005,
  ThreadAlreadyCreated: 160004,
  UnknownInteraction: 10062,
  InteractionAlreadyAcknowledged: 40060,
} as const;

/** Replaces the token segment of webhook and interaction paths so error context and logs never carry it. */
export function redactPath(path: string): string {
  return path.replace(/^(\/webhooks\/[^/]+\/)[^/?]+/, '$1:token').replace(/^(\/interactions\/[^/]+\/)[^/?]+/, '$1:token');
}

/** Maps a discord.js REST failure onto Heimo's errors: 429 waits, 4xx is final, the rest is retryable. */
export function toHeimoError(error: unknown, request: RequestLabel): HeimoError {
  if (error instanceof HeimoError) return error;
  if (error instanceof RateLimitError) {
    return new RateLimitedError('discord', Math.ceil(error.retryAfter), {
      context: { ...request, route: error.route, global: error.global, scope: error.scope },
    });
  }
  // 401: the token stopped working; every request fails alike until an operator fixes it, so
  // deliveries wait (an outage) instead of each becoming a dead letter.
  if (error instanceof DiscordAPIError && error.status < 500 && error.status !== 401) {
    // error.url and error.requestBody are left out on purpose: webhook URLs contain the token.
    const context = { ...request, status: error.status, discordCode: error.code, discordMessage: error.message };
    return new PlatformRejectedError('discord', `${request.method} ${request.path} answered ${error.status}: ${error.message}`, { context });
  }
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return new HeimoError('PLATFORM_UNAVAILABLE', `discord answered ${error.status} to ${request.method} ${request.path}`, {
      context: { ...request, status: error.status },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HeimoError('PLATFORM_UNAVAILABLE', `discord request ${request.method} ${request.path} failed: ${message}`, {
    context: { ...request },
    cause: error,
  });
}

/** The Discord JSON error code carried by a rejected request, if any. */
export function discordCodeOf(error: unknown): number | undefined {
  if (!(error instanceof HeimoError)) return undefined;
  const code = error.context.discordCode;
  return typeof code === 'number' ? code : undefined;
}

/** True for failures that may pass by themselves (rate limits, 5xx, network): retry, do not fall back. */
export function isTransient(error: unknown): boolean {
  return error instanceof HeimoError && (error.code === 'RATE_LIMITED' || error.code === 'PLATFORM_UNAVAILABLE');
}
