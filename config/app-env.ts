import { resolve } from 'node:path';
import { z } from 'zod/v4';
import type { Platform } from '../core/domain/types.ts';
import type { LogLevel } from '../core/logger.ts';
import { documented, duration, matching, oneOf, readEnv, text, urlValue, wholeNumber, type Env, type EnvValues } from './env-schema.ts';


type Pace = Partial<Record<Platform, { max: number; duration: number }>>;

/** Heimo's process-wide settings (platform credentials are read by each bot's own config). */
export interface AppEnvConfig {
  port: number;
  host: string;
  /** null: embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  /** null: BullMQ's PostgreSQL backend on the same database. */
  redisUrl: string | null;
  dataDir: string;
  /** null: no network file; Heimo runs but routes nothing. */
  networkPath: string | null;
  logLevel: LogLevel;
  /** Redis key prefix of the delivery queues (null: BullMQ's default `bull`); lets several Heimos share one Redis. */
  queuePrefix: string | null;
  /** METRICS_PORT: a second listener for /metrics and detailed health (null: /metrics on the main port). */
  metricsPort: number | null;
  /** HEIMO_ADMIN_TOKEN: callers presenting it as a bearer token see health details (and /metrics). */
  adminToken: string | null;
  /** HEIMO_PUBLIC_URL without a trailing slash (null: the knowledge base's links follow each request's Host). */
  publicUrl: string | null;
  /** Delivery worker overrides; undefined keeps the worker's defaults. */
  delivery: { maxAttempts?: number; lockDurationMs?: number; retryHorizonMs?: number; shutdownGraceMs?: number; orderSettleMs: number; pace: Pace };
  /** Every variable of APP_ENV as read, for settings without a field of their own. */
  settings: EnvValues<typeof APP_ENV>;
}

/**
 * Default pacing of drain jobs per platform. Discord is paced by discord.js from its rate-limit
 * headers; Slack (about one post a second per channel, bursts allowed) and Teams (a few posts a
 * second per conversation) tell limits only through 429s, so Heimo stays under them up front.
 */
export const DEFAULT_PACE: Pace = { slack: { max: 20, duration: 1_000 }, teams: { max: 15, duration: 1_000 } };

// `slack=20/1000,teams=15/1000`: jobs per window in ms, over the defaults.
const paceValue = () =>
  z.string().transform((raw, ctx) => {
    const pace = { ...DEFAULT_PACE };
    for (const item of raw.split(',')) {
      const match = /^\s*(discord|slack|teams)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(item);
      if (!match || Number(match[2]) < 1 || Number(match[3]) < 1) {
        ctx.addIssue({ code: 'custom', message: `items look like slack=20/1000 (jobs per milliseconds), got "${item.trim()}"` });
        return z.NEVER;
      }
      pace[match[1] as Platform] = { max: Number(match[2]), duration: Number(match[3]) };
    }
    return pace;
  });

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Heimo's own variables: one line each, with README's description and default. */
export const APP_ENV = {
  HEIMO_CONFIG: documented(text().optional(), 'path of the network file (below); re-read by `heimo reload` or SIGHUP', { default: 'none (nothing routed)' }),
  PORT: documented(wholeNumber(0, 65_535).default(3000), 'the main HTTP server: `/slack/events`, `/api/messages`, the knowledge base (`/kb`, `/api/kb`), `/livez`, `/readyz` (`/healthz`), and `/metrics` when `METRICS_PORT` is unset'),
  HOST: documented(text().default('0.0.0.0'), 'address to listen on'),
  DATABASE_URL: documented(
    urlValue({ schemes: ['postgres:', 'postgresql:'], secret: true, schemeHint: 'must start with postgresql://' }).optional(),
    '`postgresql://user:pass@host:5432/db`',
    { default: 'embedded PGlite' },
  ),
  REDIS_URL: documented(urlValue({ schemes: ['redis:', 'rediss:'], secret: true, schemeHint: 'must start with redis:// or rediss://' }).optional(), '`redis://host:6379`', {
    default: 'PostgreSQL queue backend',
  }),
  HEIMO_DATA_DIR: documented(text().default('.heimo'), 'where embedded state (PGlite) and `heimo.pid` live', { default: '`./.heimo`' }),
  HEIMO_ENV_FILE: documented(text().optional(), 'a dotenv file read at start; variables set in the environment win over it', { default: '`.env` in the working directory, when present' }),
  LOG_LEVEL: documented(oneOf(LEVELS).default('info'), '`debug`, `info`, `warn`, `error`, `silent` (JSON lines on stderr; secrets redacted)'),
  HEIMO_QUEUE_PREFIX: documented(
    matching(/^[\w.:-]+$/, 'may hold only letters, digits and _ . : -').optional(),
    'Redis key prefix of the delivery queues, for several Heimos (or test runs) on one Redis; `heimo deliveries retry` needs the same value',
    { default: "BullMQ's `bull`" },
  ),
  HEIMO_DELIVERY_MAX_ATTEMPTS: documented(wholeNumber(1, 1_000).optional(), 'attempts per delivery for unexpected errors before it becomes a dead letter (outages retry until the horizon, refusals fail at once)', { default: '`8`' }),
  HEIMO_DELIVERY_RETRY_HORIZON: documented(duration(1_000).optional(), 'how long a delivery keeps retrying while its platform is down, answers 5xx or times out, before it becomes a dead letter (`24h`, `90m`, `30s`, `P1D`)', { default: '`24h`' }),
  HEIMO_DELIVERY_LOCK_MS: documented(wholeNumber(1_000, 3_600_000).optional(), 'how long a delivery job stays locked to a worker without renewal (renewed every second while it runs); after a crash another process takes it over once this expires', {
    default: '`4000`',
  }),
  HEIMO_DELIVERY_SHUTDOWN_MS: documented(wholeNumber(0, 600_000).optional(), 'on SIGTERM, how long deliveries in flight may take to finish before they go back to the queue for another process', { default: '`10000`' }),
  HEIMO_ORDER_SETTLE: documented(
    duration().default(250),
    'how long a relayed message waits before it is delivered, so that an earlier message of its thread that another process stores a moment later still goes first (`250ms`; `0` turns the wait off)',
    { default: '`250ms`' },
  ),
  METRICS_PORT: documented(wholeNumber(0, 65_535).optional(), 'a second listener serving `/metrics` and detailed health (keep it off the public network)', { default: 'none (`/metrics` on the main port)' }),
  // A short token could be guessed over the network; 16 characters is what `openssl rand -hex 8` gives.
  HEIMO_ADMIN_TOKEN: documented(z.string().min(16, { message: 'must be at least 16 characters long' }).optional(), 'bearer token that shows operators health details (and `/metrics` on the main port when `METRICS_PORT` is unset)'),
  HEIMO_PACE: documented(
    paceValue().default(DEFAULT_PACE),
    "drain jobs per window (ms) per platform, to stay under rate limits up front; Discord is also paced by discord.js from its rate-limit headers, and any 429 pauses that platform's queue for `Retry-After`",
    { default: '`slack=20/1000,teams=15/1000`' },
  ),
  HEIMO_PUBLIC_URL: documented(
    urlValue({ schemes: ['https:', 'http:'] }).optional(),
    "Heimo's public https address: the start of the knowledge base's canonical links, sitemap and API URLs (`https://support.example.com`, a path allowed), and what `heimo teams package` puts in the Teams manifest",
    { default: "none (knowledge base links: each request's scheme and `Host`)" },
  ),
};

/** Reads HEIMO_PACE, e.g. `slack=20/1000,teams=15/1000` (jobs per window in ms), over the defaults. */
export function readPace(env: Env): Pace {
  return readEnv({ HEIMO_PACE: APP_ENV.HEIMO_PACE }, env).HEIMO_PACE;
}

/** Reads and validates the process settings; a bad value names its variable. */
export function readAppEnv(env: Env, cwd = process.cwd()): AppEnvConfig {
  const settings = readEnv(APP_ENV, env);
  const { HEIMO_DELIVERY_MAX_ATTEMPTS: maxAttempts, HEIMO_DELIVERY_LOCK_MS: lockDurationMs, HEIMO_DELIVERY_RETRY_HORIZON: retryHorizonMs, HEIMO_DELIVERY_SHUTDOWN_MS: shutdownGraceMs } = settings;
  return {
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL ?? null,
    redisUrl: settings.REDIS_URL ?? null,
    dataDir: resolve(cwd, settings.HEIMO_DATA_DIR),
    networkPath: settings.HEIMO_CONFIG === undefined ? null : resolve(cwd, settings.HEIMO_CONFIG),
    logLevel: settings.LOG_LEVEL,
    queuePrefix: settings.HEIMO_QUEUE_PREFIX ?? null,
    metricsPort: settings.METRICS_PORT ?? null,
    adminToken: settings.HEIMO_ADMIN_TOKEN ?? null,
    publicUrl: settings.HEIMO_PUBLIC_URL ?? null,
    delivery: {
      pace: settings.HEIMO_PACE,
      orderSettleMs: settings.HEIMO_ORDER_SETTLE,
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
      ...(lockDurationMs === undefined ? {} : { lockDurationMs }),
      ...(retryHorizonMs === undefined ? {} : { retryHorizonMs }),
      ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    },
    settings,
  };
}
