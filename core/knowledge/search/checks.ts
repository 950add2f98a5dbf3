import { HeimoError } from '../../errors.ts';
import type { SearchDocument, SearchQuery } from '../port.ts';
import { VISIBILITY_BIT } from './documents.ts';

/** Refuses a document the index could not rank or filter (a BAD_INPUT naming what is wrong). */
export function checkDocument(document: SearchDocument): void {
  if (typeof document.id !== 'string' || document.id === '') throw badInput('a search document needs a non-empty id');
  if (!Object.hasOwn(VISIBILITY_BIT, document.visibility)) throw badInput(`search document ${document.id} has unknown visibility ${String(document.visibility)}`);
  for (const field of ['title', 'question', 'answer', 'communityId'] as const) {
    if (typeof document[field] !== 'string') throw badInput(`search document ${document.id} has no ${field} text`);
  }
  if (!Array.isArray(document.tags) || document.tags.some((tag) => typeof tag !== 'string')) throw badInput(`search document ${document.id} has tags that are not text`);
}

/** Refuses a query whose limit, minScore or visibilities make no sense. */
export function checkQuery(query: SearchQuery): void {
  if (typeof query.text !== 'string') throw badInput('a search needs query text');
  if (!Number.isInteger(query.limit) || query.limit < 0) throw badInput(`search limit must be a whole number >= 0, got ${query.limit}`);
  if (query.minScore !== undefined && !(query.minScore >= 0 && query.minScore <= 1)) throw badInput(`search minScore must be between 0 and 1, got ${query.minScore}`);
  if (!Array.isArray(query.visibility)) throw badInput('a search needs the visibilities its reader may see');
  for (const visibility of query.visibility) if (!Object.hasOwn(VISIBILITY_BIT, visibility)) throw badInput(`unknown visibility ${String(visibility)}`);
}

function badInput(message: string): HeimoError {
  return new HeimoError('BAD_INPUT', message);
}
