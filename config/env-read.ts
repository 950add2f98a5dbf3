import { ConfigError } from '../core/errors.ts';
import { optional, readEnv, trueOrFalse, urlValue, wholeNumber, type Env } from './env-schema.ts';

export { optional, type Env } from './env-schema.ts';

/** A platform's settings: complete, or absent (no credentials at all; the bot is not started). */
export type EnvRead<T> = { status: 'configured'; config: T } | { status: 'absent'; missing: string[] };

/** Returns the value or throws a ConfigError naming the variable. */
export function required(env: Env, name: string, why = 'is required'): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError('CONFIG_MISSING', name, `${name} ${why}`);
  return value;
}

/** Reads an http(s)/ws(s) URL, defaulting when unset; a malformed value names the variable. */
export function url(env: Env, name: string, fallback: string): string {
  return readEnv({ [name]: urlValue().prefault(fallback) }, env)[name] as string;
}

/** Reads a whole number within bounds, defaulting when unset. */
export function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  return readEnv({ [name]: wholeNumber(min, max).default(fallback) }, env)[name] as number;
}

/** Reads true/false (also 1/0, yes/no), defaulting when unset. */
export function flag(env: Env, name: string, fallback = false): boolean {
  return readEnv({ [name]: trueOrFalse().default(fallback) }, env)[name] as boolean;
}

/**
 * Reads a platform's credential group: all unset means the platform is absent; some set means
 * a half-done setup, which stops start-up naming every missing variable (the first is the error's).
 */
export function credentialGroup<T>(env: Env, names: string[], build: () => T): EnvRead<T> {
  const missing = names.filter((name) => optional(env, name) === undefined);
  if (missing.length === names.length) return { status: 'absent', missing };
  const first = missing[0];
  if (first !== undefined) {
    const verb = missing.length === 1 ? 'is' : 'are';
    throw new ConfigError('CONFIG_MISSING', first, `${missing.join(', ')} ${verb} required when ${names.filter((n) => !missing.includes(n)).join(', ')} is set`);
  }
  return { status: 'configured', config: build() };
}
