import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';

const text = (parts: unknown[]): string =>
  parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' ');

/**
 * Lets Bolt and WebClient write through Heimo's logger, so their lines are JSON and redacted
 * like every other line (WebClient's debug output includes request bodies).
 */
export function createBoltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts)),
    info: (...parts: unknown[]) => logger.info(text(parts)),
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    // Heimo's logger owns the threshold; Bolt only asks what it is.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
