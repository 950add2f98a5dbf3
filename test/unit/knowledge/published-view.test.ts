import { describe, expect, it } from 'vitest';
import type { Article } from '../../../core/knowledge/index.ts';
import { toPublishedArticle, toSearchDocument } from '../../../core/knowledge/published-view.ts';
import { parseImportRow } from '../../../core/knowledge/content-schema.ts';
import type { PrivacyChoices } from '../../../core/privacy/index.ts';

const at = new Date('2026-12-03T09:00:00Z');
const article: Article = {
  id: 'a1', communityId: 'acme', conversationId: 'c1', sourceId: null, state: 'published', title: 'Export fails', question: 'Export fails with images.',
  answer: 'Turn off compression.', context: 'Version 3.', tags: ['export'], product: 'Studio', version: '3', visibility: 'public', language: 'en',
  contributors: [
    { role: 'asker', platform: 'discord', userId: 'ann', displayName: 'Ann' },
    { role: 'answerer', platform: 'teams', userId: 'erin', displayName: 'Erin' },
  ],
  sources: [{ platform: 'discord', url: 'https://discord.test/t1' }], stale: false, staleReason: null, lastVerifiedAt: at, publishedAt: at, revision: 2, createdAt: at, updatedAt: at,
};
const choices = (entries: Array<[string, Partial<PrivacyChoices>]>) => new Map(entries.map(([key, choice]) => [key, { showName: false, indexable: true, showOnBoard: false, ...choice }]));

describe('published views', () => {
  it('should show a name only when the community is named and the person chose to show it', () => {
    const chosen = choices([['teams:erin', { showName: true }]]);
    expect(toPublishedArticle(article, 'named', chosen).contributors).toEqual([{ role: 'asker', name: null, staff: false }, { role: 'answerer', name: 'Erin', staff: true }]);
    expect(toPublishedArticle(article, 'anonymised', chosen).contributors.map((c) => c.name)).toEqual([null, null]);
    expect(toPublishedArticle(article, 'named', new Map()).contributors.map((c) => c.name)).toEqual([null, null]);
  });

  it('should drop the words and the title of a person who is not indexable when a search document is made', () => {
    const parts = [{ platform: 'discord' as const, userId: 'ann', text: 'Export fails with images.' }, { platform: 'teams' as const, userId: 'erin', text: 'Turn off compression.' }];
    const document = toSearchDocument(article, parts, choices([['discord:ann', { indexable: false }]]));
    expect(document).toMatchObject({ title: '', question: '', answer: 'Turn off compression.', tags: ['export'], visibility: 'public' });
    expect(toSearchDocument(article, parts, new Map())).toMatchObject({ title: 'Export fails', question: 'Export fails with images.' });
  });
});

describe('import rows', () => {
  it('should keep a numeric id as text, and name the field when a row has no answer', () => {
    expect(parseImportRow({ id: 7, title: ' T ', body: 'B', answer: 'A' })).toEqual({ row: { id: '7', title: 'T', body: 'B', answer: 'A' } });
    expect(parseImportRow({ id: 'x', title: 'T', body: 'B' })).toEqual({ error: expect.stringContaining('answer') });
    expect(parseImportRow('not a row')).toEqual({ error: expect.any(String) });
  });
});
