import { Duration } from 'luxon';
import { z } from 'zod/v4';
import { ConfigError } from '../core/errors.ts';

/** The environment Heimo reads; tests pass a plain object instead of process.env. */
export type Env = Record<string, string | undefined>;

/** What README's configuration table says about a variable; kept next to its schema. */
export type EnvDoc = {
  /** What the variable does, as README's "meaning" column shows it. */
  description: string;
  /** The default as README shows it; when omitted, the schema's own default (or none). */
  default?: string;
};

/** Every documented variable's schema and doc: the source of README's configuration table. */
export const envDocs = z.registry<EnvDoc>();

/** A set of variables read together: name to schema over the trimmed value (undefined when unset or blank). */
export type EnvShape = Record<string, z.ZodType>;

/** Attaches a variable's description (and README default when it is not the schema's): one line per variable. */
export function documented<T extends z.ZodType>(schema: T, description: string, extra: Omit<EnvDoc, 'description'> = {}): T {
  envDocs.add(schema as z.ZodType, { description, ...extra });
  return schema;
}

/** Returns the trimmed value, or undefined for unset and blank. */
export function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Free text. */
export const text = (): z.ZodString => z.string();

/** A whole number from `min` to `max`. */
export const wholeNumber = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (/^-?\d+$/.test(raw) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${raw}"` });
    return z.NEVER;
  });

/** true/false (also 1/0, yes/no, on/off). */
export const trueOrFalse = () =>
  z.string().transform((raw, ctx) => {
    const value = raw.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, got "${value}"` });
    return z.NEVER;
  });

/** One of `values`, compared case-insensitively and returned as spelled here. */
export const oneOf = <T extends string>(values: readonly T[]) =>
  z.string().transform((raw, ctx): T => {
    const found = values.find((value) => value.toLowerCase() === raw.toLowerCase());
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${raw}"` });
    return z.NEVER;
  });

const SCHEMES = ['http:', 'https:', 'ws:', 'wss:', 'postgres:', 'postgresql:', 'redis:', 'rediss:'];

/**
 * A URL (trailing slashes dropped) with one of `schemes`. `secret` URLs (they may carry a
 * password) are never echoed, and `schemeHint` replaces the generic scheme complaint.
 */
export const urlValue = (options: { schemes?: string[]; secret?: boolean; schemeHint?: string } = {}) =>
  z.string().transform((raw, ctx) => {
    const schemes = options.schemes ?? SCHEMES;
    const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
    // An unparseable value still gets the scheme hint when its scheme is wrong (mysql://…).
    const scheme = parsed?.protocol ?? /^([a-z][\w+.-]*:)/i.exec(raw)?.[1]?.toLowerCase() ?? '';
    if (options.schemeHint !== undefined && !schemes.includes(scheme)) ctx.addIssue({ code: 'custom', message: options.schemeHint });
    else if (parsed === undefined) ctx.addIssue({ code: 'custom', message: options.secret === true ? 'must be a URL' : `must be a URL, got "${raw}"` });
    else if (!schemes.includes(parsed.protocol)) ctx.addIssue({ code: 'custom', message: `has an unsupported scheme "${parsed.protocol}"` });
    else return raw.replace(/\/+$/, '');
    return z.NEVER;
  });

/** Text matching `pattern`; `rule` says what is allowed, e.g. "may hold only letters". */
export const matching = (pattern: RegExp, rule: string) =>
  z.string().transform((raw, ctx) => {
    if (pattern.test(raw)) return raw;
    ctx.addIssue({ code: 'custom', message: `${rule}, got "${raw}"` });
    return z.NEVER;
  });

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `24h`, `90m`, `30s`, `500ms`, `2d`, a bare number of seconds, or ISO 8601 (`P7D`); NaN otherwise. */
export function parseDuration(raw: string): number {
  const short = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(raw.trim());
  if (short) return Math.round(Number(short[1]) * (UNIT_MS[(short[2] ?? 's').toLowerCase()] ?? 1_000));
  const iso = Duration.fromISO(raw.trim().toUpperCase());
  return iso.isValid ? iso.as('milliseconds') : Number.NaN;
}

/** A duration (see parseDuration) of at least `minMs`, read as milliseconds. */
export const duration = (minMs = 0) =>
  z.string().transform((raw, ctx) => {
    const ms = parseDuration(raw);
    if (Number.isFinite(ms) && ms >= minMs) return ms;
    const floor = minMs > 0 ? ` (at least ${minMs / 1_000} s)` : '';
    ctx.addIssue({ code: 'custom', message: `must be a duration like 7d, 12h, 30m, 500ms or P7D${floor}, got "${raw}"` });
    return z.NEVER;
  });

/** The values of a shape once read. */
export type EnvValues<S extends EnvShape> = { [K in keyof S]: z.output<S[K]> };

const joinNames = (names: string[]): string => (names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`);

/**
 * Reads the variables of `shape`: unset and blank count as unset. Every missing required variable
 * is named at once (CONFIG_MISSING; `purpose`, e.g. "to build the Teams app package", says what needs
 * them); otherwise the first invalid value is named (CONFIG_INVALID) with the schema's reason.
 */
export function readEnv<S extends EnvShape>(shape: S, env: Env, purpose?: string): EnvValues<S> {
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) input[name] = optional(env, name);
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data as EnvValues<S>;
  const missing = [...new Set(result.error.issues.filter((issue) => issue.code === 'invalid_type' && input[String(issue.path[0])] === undefined).map((issue) => String(issue.path[0])))];
  if (missing.length > 0) {
    const first = missing[0] ?? '';
    throw new ConfigError('CONFIG_MISSING', first, `${joinNames(missing)} ${missing.length === 1 ? 'is' : 'are'} required${purpose === undefined ? '' : ` ${purpose}`}`);
  }
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? Object.keys(shape)[0] ?? 'configuration');
  throw new ConfigError('CONFIG_INVALID', name, `${name} ${issue?.message ?? 'is invalid'}`);
}
