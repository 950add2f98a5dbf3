/** Error codes Heimo raises; each names one failure a caller can act on. */
export type HeimoErrorCode =
  | 'CONFIG_MISSING'
  | 'CONFIG_INVALID'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'PLATFORM_UNAVAILABLE'
  | 'PLATFORM_REJECTED'
  | 'NOT_CONNECTED'
  | 'MIGRATION_FAILED'
  | 'UNAUTHORIZED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'LIFECYCLE_INVALID';

/** Options carried by every Heimo error: the cause and context a reader needs to act. */
export interface HeimoErrorOptions {
  cause?: unknown;
  context?: Record<string, unknown>;
}

/** Base error with a stable `code` and structured context (never secrets). */
export class HeimoError extends Error {
  readonly code: HeimoErrorCode;
  readonly context: Record<string, unknown>;
  constructor(code: HeimoErrorCode, message: string, options: HeimoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HeimoError';
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** A platform answered 429: the delivery must wait `retryAfterMs` before trying again. */
export class RateLimitedError extends HeimoError {
  readonly retryAfterMs: number;
  readonly platform: string;
  constructor(platform: string, retryAfterMs: number, options: HeimoErrorOptions = {}) {
    super('RATE_LIMITED', `${platform} rate limited the request; retry after ${retryAfterMs} ms`, options);
    this.name = 'RateLimitedError';
    this.platform = platform;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The platform refused the request for good (4xx other than 429): retrying cannot help. */
export class PlatformRejectedError extends HeimoError {
  readonly platform: string;
  constructor(platform: string, message: string, options: HeimoErrorOptions = {}) {
    super('PLATFORM_REJECTED', `${platform} rejected the request: ${message}`, options);
    this.name = 'PlatformRejectedError';
    this.platform = platform;
  }
}

/** A configuration value is missing or malformed; the message names the variable. */
export class ConfigError extends HeimoError {
  readonly variable: string;
  constructor(code: 'CONFIG_MISSING' | 'CONFIG_INVALID', variable: string, message: string) {
    super(code, message, { context: { variable } });
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** True when `error` is a HeimoError carrying `code`. */
export function hasCode(error: unknown, code: HeimoErrorCode): error is HeimoError {
  return error instanceof HeimoError && error.code === code;
}
