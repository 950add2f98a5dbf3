import { ConfigError } from '../core/errors.ts';

/** The environment Heimo reads; tests pass a plain object instead of process.env. */
export type Env = Record<string, string | undefined>;

/** A platform's settings: complete, or absent (no credentials at all; the bot is not started). */
export type EnvRead<T> = { status: 'configured'; config: T } | { status: 'absent'; missing: string[] };

/** Returns the trimmed value, or undefined for unset and blank. */
export function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Returns the value or throws a ConfigError naming the variable. */
export function required(env: Env, name: string, why = 'is required'): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError('CONFIG_MISSING', name, `${name} ${why}`);
  return value;
}

/** Reads an http(s)/ws(s) URL, defaulting when unset; a malformed value names the variable. */
export function url(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('CONFIG_INVALID', name, `${name} must be a URL, got "${value}"`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'postgres:', 'postgresql:', 'redis:', 'rediss:'].includes(parsed.protocol)) {
    throw new ConfigError('CONFIG_INVALID', name, `${name} has an unsupported scheme "${parsed.protocol}"`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads a whole number within bounds, defaulting when unset. */
export function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError('CONFIG_INVALID', name, `${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads true/false (also 1/0, yes/no), defaulting when unset. */
export function flag(env: Env, name: string, fallback = false): boolean {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError('CONFIG_INVALID', name, `${name} must be true or false, got "${raw}"`);
}

/**
 * Reads a platform's credential group: all unset means the platform is absent; some set means
 * a half-done setup, which stops start-up naming the first missing variable.
 */
export function credentialGroup<T>(env: Env, names: string[], build: () => T): EnvRead<T> {
  const missing = names.filter((name) => optional(env, name) === undefined);
  if (missing.length === names.length) return { status: 'absent', missing };
  const first = missing[0];
  if (first !== undefined) {
    throw new ConfigError('CONFIG_MISSING', first, `${first} is required when ${names.filter((n) => !missing.includes(n)).join(', ')} is set`);
  }
  return { status: 'configured', config: build() };
}
