import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod/v4';
import { HeimoError } from '../../../core/errors.ts';

/** One line of a JSONL file: its 1-based number and the row read from it, or why it could not be. */
export type JsonlLine<T> = { line: number; row: T; error?: undefined } | { line: number; row?: undefined; error: string };

// Row ids come from other systems: numbers are common (StackExchange, CSV exports) and kept as text.
const rowId = z
  .union([z.string(), z.number()], { error: 'id must be a string or a number' })
  .transform(String)
  .pipe(z.string().trim().min(1, 'id is empty'));
const text = (field: string) => z.string({ error: `${field} must be text` });

/** A row of `heimo kb import`: `{id, title, body, answer}`. */
export const IMPORT_ROW = z.object({ id: rowId, title: text('title'), body: text('body'), answer: text('answer') });
/** A row of `heimo kb search --batch`: `{id, title, body}`; `id` is echoed as given (number or text). */
export const QUERY_ROW = z.object({ id: z.union([z.string(), z.number()], { error: 'id must be a string or a number' }), title: text('title').default(''), body: text('body').default('') });

const unreadable = (path: string, error: NodeJS.ErrnoException): HeimoError =>
  new HeimoError('BAD_INPUT', `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a directory' : error.message}`, { cause: error });

const reason = (error: z.ZodError): string => error.issues.map((issue) => (issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');

/**
 * Reads a JSONL file row by row (blank lines skipped), each checked against `schema`; a line
 * that is not JSON or not a row comes back with its error instead, so the caller can report it.
 */
export async function* readJsonl<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<JsonlLine<T>> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(unreadable(path, error)));
  });
  await opened;
  let line = 0;
  for await (const raw of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    // A byte-order mark some editors write must not make the first row "not JSON".
    const textLine = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (textLine === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(textLine);
    } catch (error) {
      yield { line, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
      continue;
    }
    const parsed = schema.safeParse(value);
    yield parsed.success ? { line, row: parsed.data } : { line, error: value === null || typeof value !== 'object' || Array.isArray(value) ? 'not a JSON object' : reason(parsed.error) };
  }
}

/** How many lines `path` has (a fast byte count, for a progress bar's total). */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines += 1;
      if (bytes.length > 0) last = bytes[bytes.length - 1] ?? 10;
    }
  } catch (error) {
    throw unreadable(path, error as NodeJS.ErrnoException);
  }
  return last === 10 ? lines : lines + 1;
}
