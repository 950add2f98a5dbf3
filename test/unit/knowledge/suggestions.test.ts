import { describe, expect, it } from 'vitest';
import { createLatencyWindow, excerptOf, keptHits, quantile, queryText, withSearchTiming, type KnowledgeBase, type SearchHit, type SearchQuery } from '../../../core/knowledge/index.ts';
import { suggestionsFact } from '../../../core/outbox/card-details.ts';
import { translator } from '../../../core/i18n/index.ts';

const hit = (articleId: string, score: number): SearchHit => ({ articleId, sourceId: null, title: articleId, score });

describe('what a new question is searched with and what is kept', () => {
  it('should search the title and the text once each when the title is not the start of the text', () => {
    expect(queryText({ title: 'Export fails', text: 'It says error 42' })).toBe('Export fails\nIt says error 42');
    expect(queryText({ title: 'Export fails with error 42', text: 'Export fails with error 42 when I print' })).toBe('Export fails with error 42 when I print');
    expect(queryText({ title: '', text: '  only text  ' })).toBe('only text');
  });

  it('should keep the best hits at or above the threshold, at most the maximum, when hits come in any order', () => {
    const hits = [hit('low', 0.2), hit('b', 0.6), hit('a', 0.9), hit('edge', 0.5), hit('c', 0.55)];
    expect(keptHits(hits, { maxSuggestions: 3, suggestThreshold: 0.5 }).map((kept) => kept.articleId)).toEqual(['a', 'b', 'c']);
    expect(keptHits(hits, { maxSuggestions: 5, suggestThreshold: 0.5 }).map((kept) => kept.articleId)).toEqual(['a', 'b', 'c', 'edge']);
    expect(keptHits(hits, { maxSuggestions: 3, suggestThreshold: 0.95 })).toEqual([]);
    expect(keptHits(hits, { maxSuggestions: 0, suggestThreshold: 0 })).toEqual([]);
  });
});

describe('excerpts of answers', () => {
  it('should show the words without markup on one line when the answer has formatting', () => {
    expect(excerptOf('Check your **spam** folder.\n\nThen ask for a `new` link.')).toBe('Check your spam folder. Then ask for a new link.');
  });

  it('should cut a long answer with an ellipsis and keep its characters literal when it is plain text with markup characters', () => {
    const excerpt = excerptOf(`${'word '.repeat(60)}end`);
    expect(excerpt.length).toBeLessThanOrEqual(180);
    expect(excerpt.endsWith('…')).toBe(true);
    // Escaped stars are words in the answer: they stay words (escaped again), not emphasis.
    expect(excerptOf('Use \\*stars\\* here')).toBe('Use \\*stars\\* here');
  });
});

describe('the card fact about suggestions', () => {
  const t = translator('en');
  it('should name every suggestion and what solved it when the asker accepted one', () => {
    expect(suggestionsFact([], t)).toBeNull();
    expect(suggestionsFact([{ title: 'A', accepted: false }, { title: 'B', accepted: false }], t)).toEqual({ label: 'Suggested', value: 'A, B' });
    expect(suggestionsFact([{ title: 'A', accepted: true }, { title: 'B', accepted: false }], t)).toEqual({ label: 'Suggested', value: 'A, B; solved by A' });
  });

  it('should shorten long titles and speak the community language when it is Finnish', () => {
    const fact = suggestionsFact([{ title: 'x'.repeat(100), accepted: true }], translator('fi'));
    expect(fact?.label).toBe('Ehdotettu');
    expect(fact?.value).toBe(`${'x'.repeat(59)}…; ratkaisi: ${'x'.repeat(59)}…`);
  });
});

describe('search latency', () => {
  it('should give nearest-rank percentiles of the latest searches and count them all when more than the window were made', () => {
    const window = createLatencyWindow(100);
    expect(window.summary()).toBeNull();
    for (let n = 1; n <= 100; n += 1) window.record(1_000 + n);
    for (let n = 1; n <= 100; n += 1) window.record(n);
    expect(window.summary()).toEqual({ count: 200, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('should time every search, failed ones too, and leave the other methods alone when it wraps a knowledge base', async () => {
    const seen: number[] = [];
    let fail = false;
    const base = {
      search: async (_query: SearchQuery) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (fail) throw new Error('index down');
        return [hit('a', 1)];
      },
      counts: async () => ({ draft: 1, published: 2, rejected: 0, retired: 0, stale: 0 }),
    } satisfies Pick<KnowledgeBase, 'search' | 'counts'>;
    const timed = withSearchTiming(base, (seconds) => seen.push(seconds));
    expect(await timed.search({ text: 'x', visibility: ['public'], limit: 1 })).toEqual([hit('a', 1)]);
    fail = true;
    await expect(timed.search({ text: 'x', visibility: ['public'], limit: 1 })).rejects.toThrow('index down');
    expect(seen).toHaveLength(2);
    expect(seen.every((seconds) => seconds >= 0.015 && seconds < 1)).toBe(true);
    expect(await timed.counts()).toMatchObject({ published: 2 });
  });
});
