import { performance } from 'node:perf_hooks';
import { createSearchIndex } from '../../core/knowledge/search/index.ts';
import type { SearchIndex } from '../../core/knowledge/port.ts';
import { devDataDir, loadDevSets, queryText, toSearchDocument, type DevSet } from './kb/dev-sets.ts';
import { percentile, table } from './lib/stats.ts';

/**
 * `npm run bench:kb-quality`: similar-question search quality on the dev sets (Hit@1, Hit@10, MRR
 * over the top 100), and how its confidence scores separate right first hits from wrong ones and
 * from questions that have no answer in the corpus (each set's questions against the other corpora).
 * Data: Stack Exchange content (CC BY-SA); StackFAQ from Karan & Šnajder 2018.
 */

const TOP = 100;
const THRESHOLDS = [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7];

interface FirstHit {
  right: boolean;
  score: number;
}

function buildIndex(set: DevSet): SearchIndex {
  const index = createSearchIndex();
  for (const row of set.corpus) index.upsert(toSearchDocument(row));
  return index;
}

function evaluate(set: DevSet, index: SearchIndex) {
  let hit1 = 0, hit10 = 0, reciprocal = 0;
  const latencies: number[] = [];
  const firsts: FirstHit[] = [];
  for (const query of set.queries) {
    const started = performance.now();
    const hits = index.search({ text: queryText(query), visibility: ['public'], limit: TOP });
    latencies.push(performance.now() - started);
    const rank = hits.findIndex((hit) => query.duplicate_ids.includes(hit.articleId));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 10) hit10 += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (hits[0]) firsts.push({ right: rank === 0, score: hits[0].score });
  }
  const n = set.queries.length;
  latencies.sort((a, b) => a - b);
  return { hit1: hit1 / n, hit10: hit10 / n, mrr: reciprocal / n, p95: percentile(latencies, 95), firsts };
}

// The first hit's score of every question of `set` against corpora where its answer is not.
function unanswerable(set: DevSet, others: readonly { set: DevSet; index: SearchIndex }[]): number[] {
  return others
    .filter((other) => other.set.name !== set.name)
    .flatMap((other) => set.queries.map((query) => other.index.search({ text: queryText(query), visibility: ['public'], limit: 1 })[0]?.score ?? 0));
}

function main(): void {
  const dir = devDataDir();
  if (!dir) {
    console.log('kb-quality: no dev data (set KB_DEV_DIR, or put shared/data/kb-dev beside the repository); skipped.');
    return;
  }
  const sets = loadDevSets(dir);
  const built = sets.map((set) => ({ set, index: buildIndex(set) }));
  const rows = [['set', 'articles', 'questions', 'Hit@1', 'Hit@10', 'MRR', 'p95 ms']];
  const thresholdRows = [['threshold', ...sets.flatMap((set) => [`${set.name}: shown`, 'right', 'no-answer shown'])]];
  const results = built.map(({ set, index }) => ({ set, result: evaluate(set, index), negatives: unanswerable(set, built) }));
  for (const { set, result } of results) {
    rows.push([set.name, String(set.corpus.length), String(set.queries.length), f(result.hit1), f(result.hit10), f(result.mrr), result.p95.toFixed(2)]);
  }
  for (const threshold of THRESHOLDS) {
    const row = [threshold.toFixed(2)];
    for (const { set, result, negatives } of results) {
      const shown = result.firsts.filter((first) => first.score >= threshold);
      row.push(f(shown.length / set.queries.length), f(shown.filter((first) => first.right).length / Math.max(1, shown.length)));
      row.push(f(negatives.filter((score) => score >= threshold).length / Math.max(1, negatives.length)));
    }
    thresholdRows.push(row);
  }
  console.log(`Similar-question search on ${dir} (top ${TOP})\n`);
  console.log(table(rows));
  console.log('\nFirst hit at or above a threshold: share of questions shown one, share of those right, and');
  console.log('share of questions without an answer in the corpus (asked against the other sets) shown one anyway:\n');
  console.log(table(thresholdRows));
}

function f(value: number): string {
  return value.toFixed(3);
}

main();
