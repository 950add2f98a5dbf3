/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger every part of Heimo writes through; implementations must redact secrets. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}
