import type { LogFields, Logger } from './ports/logger.ts';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Options for the JSON-lines logger. */
export interface LoggerConfig {
  level?: LogLevel;
  /** Where lines go; stderr by default. Tests pass an array-backed sink to read them. */
  write?: (line: string) => void;
  fields?: LogFields;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEY = /token|secret|password|authorization|signature|cookie|credential/i;
// Bearer tokens and Slack tokens can hide inside free text (error messages, URLs).
const SECRET_TEXT = /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|ticket=[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+|Bot\s+[A-Za-z0-9._-]{20,})/g;

/** Replaces secret-looking values so that no token ever reaches a log line. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_TEXT, '[redacted]');
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redact(value.message, depth + 1), ...(code === undefined ? {} : { code }) };
  }
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
  }
  return out;
}

/** Creates a JSON-lines logger that redacts secrets from every field. */
export function createLogger(config: LoggerConfig = {}): Logger {
  const threshold = ORDER[config.level ?? 'info'];
  const write = config.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = config.fields ?? {};
  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void => {
    if (ORDER[level] < threshold) return;
    const record = { time: new Date().toISOString(), level, msg: redact(message), ...(redact({ ...base, ...fields }) as object) };
    write(JSON.stringify(record));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ ...config, fields: { ...base, ...fields } }),
  };
}
