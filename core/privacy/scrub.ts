import { FORGOTTEN_NAME, REMOVED_TEXT, type ForgetTarget } from './port.ts';

// Pure helpers the erasers share: other capabilities copied a person's id, name or words into
// free text and JSON (payloads, audit arguments, revision snapshots); these take them out again.

// Keys that hold a platform user id next to a `platform` key in Heimo's JSON (actors, message
// refs, contributors, assignees), and the names that travel with them.
const ID_KEYS = ['userId', 'authorId'] as const;
const NAME_KEYS = ['displayName', 'name', 'authorName'] as const;

// Shorter names and ids are replaced only where a whole value equals them: inside longer text
// they would hit other words ("Al" in "Also").
const MIN_INNER_LENGTH = 3;
const MIN_INNER_ID_LENGTH = 6;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A whole word or id inside text: not glued to letters, digits, `_` or `-` on either side.
const inner = (text: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(text)}(?![\\p{L}\\p{N}_-])`, 'gu');

const usable = (values: readonly string[], skip: readonly string[]): string[] =>
  [...new Set(values.map((value) => value.trim()))].filter((value) => value !== '' && !skip.includes(value)).sort((a, b) => b.length - a.length);

/** Replaces the person's texts, names and id (in that order: a title may hold a name) inside one text. */
export function scrubText(text: string, target: ForgetTarget): string {
  let result = text;
  const replaceAll = (found: string, by: string, minimum: number): void => {
    if (result === found) result = by;
    else if (found.length >= minimum) result = result.replace(inner(found), by);
  };
  for (const removed of usable(target.traces.texts, [REMOVED_TEXT])) replaceAll(removed, REMOVED_TEXT, MIN_INNER_LENGTH);
  for (const name of usable(target.traces.names, [FORGOTTEN_NAME])) replaceAll(name, FORGOTTEN_NAME, MIN_INNER_LENGTH);
  replaceAll(`${target.platform}:${target.userId}`, `${target.platform}:${target.tombstone}`, MIN_INNER_ID_LENGTH);
  replaceAll(target.userId, target.tombstone, MIN_INNER_ID_LENGTH);
  return result;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of a JSON value without the person: an object naming them (`platform` and `userId` or
 * `authorId`) gets the tombstone and FORGOTTEN_NAME; the name in an object naming someone else is
 * that person's (who may share the name) and stays; every other string goes through scrubText.
 */
export function scrubJson(value: unknown, target: ForgetTarget): unknown {
  if (typeof value === 'string') return scrubText(value, target);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, target));
  if (!isRecord(value)) return value;
  const person = typeof value['platform'] === 'string' && ID_KEYS.some((key) => typeof value[key] === 'string');
  const theirs = person && value['platform'] === target.platform && ID_KEYS.some((key) => value[key] === target.userId);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const isName = (NAME_KEYS as readonly string[]).includes(key) && typeof item === 'string';
      if (theirs && (ID_KEYS as readonly string[]).includes(key) && item === target.userId) return [key, target.tombstone];
      if (theirs && isName) return [key, FORGOTTEN_NAME];
      if (person && !theirs && isName) return [key, item];
      return [key, scrubJson(item, target)];
    }),
  );
}

/** Whether scrubbing changed a JSON value (compared as JSON text). */
export const changedJson = (before: unknown, after: unknown): boolean => JSON.stringify(before) !== JSON.stringify(after);

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * LIKE patterns (one JSON text parameter: `jsonb_array_elements_text($n::text::jsonb)`) that find
 * the rows scrubText or scrubJson could change: a cheap first pass before the rows are read.
 * A text as JSON spells quotes and backslashes escaped, so both spellings are searched.
 */
export function likePatterns(target: ForgetTarget): string {
  const needles = [target.userId, ...target.traces.names, ...target.traces.texts].map((needle) => needle.trim()).filter((needle) => needle !== '');
  const spelled = needles.flatMap((needle) => [needle, JSON.stringify(needle).slice(1, -1)]);
  return JSON.stringify([...new Set(spelled)].map((needle) => `%${escapeLike(needle)}%`));
}

/** Merges the traces several erasers found: trimmed, without duplicates, empty values or the stand-ins themselves. */
export function mergeTraces(found: readonly { names?: readonly string[]; texts?: readonly string[] }[]): { names: string[]; texts: string[] } {
  const collect = (pick: (entry: (typeof found)[number]) => readonly string[] | undefined, skip: string): string[] =>
    [...new Set(found.flatMap((entry) => pick(entry) ?? []).map((value) => value.trim()))].filter((value) => value !== '' && value !== skip);
  return { names: collect((entry) => entry.names, FORGOTTEN_NAME), texts: collect((entry) => entry.texts, REMOVED_TEXT) };
}
