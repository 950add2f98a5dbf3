import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from './ports/logger.ts';
import { redact, scrubText } from './redact.ts';

export { redact } from './redact.ts';

/** Log levels in increasing severity (LOG_LEVEL). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The levels LOG_LEVEL accepts, least severe first. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Options for the JSON-lines logger. */
export interface LoggerConfig {
  level?: LogLevel;
  /** Where lines go (one JSON line per call, without the newline); stderr by default. Tests collect them. */
  write?: (line: string) => void;
  fields?: LogFields;
}

/** The process's own logger: the Logger port plus `fatal`, for the line a process ends on. */
export interface ProcessLogger extends Logger {
  fatal(message: string, fields?: LogFields): void;
}

// One synchronous stderr stream for every logger: a fatal line is written before the process exits.
let stderr: DestinationStream | undefined;
const stderrStream = (): DestinationStream => (stderr ??= pino.destination({ dest: 2, sync: true }));

const destinationOf = (write: ((line: string) => void) | undefined): DestinationStream =>
  write === undefined ? stderrStream() : { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };

const wrap = (inner: Pino): ProcessLogger => {
  // pino takes (fields, message); Heimo's port takes (message, fields). Messages are scrubbed too.
  const at = (level: 'debug' | 'info' | 'warn' | 'error' | 'fatal') => (message: string, fields?: LogFields): void => {
    if (inner.isLevelEnabled(level)) inner[level](fields ?? {}, scrubText(message));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    // pino formats a child's bindings once, without the bindings formatter: redact them here.
    child: (fields) => wrap(inner.child(redact(fields) as LogFields)),
  };
};

/**
 * Creates Heimo's logger: pino writing JSON lines (`time`, `level` as a word, `msg`, fields),
 * synchronously, to stderr. Every field (and child binding) goes through `redact` and every
 * message through the secret-text scrub, so no token reaches a line whoever logs it.
 */
export function createLogger(config: LoggerConfig = {}): ProcessLogger {
  const inner = pino(
    {
      level: config.level ?? 'info',
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redact(fields) as Record<string, unknown>,
      },
    },
    destinationOf(config.write),
  );
  return wrap(config.fields === undefined ? inner : inner.child(redact(config.fields) as LogFields));
}

/** LOG_LEVEL when it names a level, else `info` (for lines written before configuration is validated). */
export function logLevelOf(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  return LOG_LEVELS.find((candidate) => candidate === level) ?? 'info';
}
