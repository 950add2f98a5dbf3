import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSearchIndex } from '../../core/knowledge/search/index.ts';
import type { SearchQuery } from '../../core/knowledge/port.ts';
import { syntheticArticles, syntheticQuestions, type SyntheticQuestion } from './kb/synthetic-corpus.ts';
import { ms, percentile, summarize, table } from './lib/stats.ts';

/**
 * `npm run bench:kb-search`: the similar-question index at 100,000 synthetic articles (KB_ARTICLES),
 * in one process: index build time, memory, and per-query latency p50/p95/p99 over 1,000 questions
 * (KB_QUERIES) as a suggestion asks them (one community, members' visibility, top 3) and as
 * `heimo kb search` does (every community, everything, top 10). Target: p95 <= 20 ms.
 */

const numberFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return value;
};

const ARTICLES = numberFrom('KB_ARTICLES', 100_000);
const QUERIES = numberFrom('KB_QUERIES', 1_000);
const COMMUNITIES = 5;
const WARMUP = 100;

const mib = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MiB`;
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

function main(): void {
  const articles = syntheticArticles(ARTICLES, COMMUNITIES);
  const questions = syntheticQuestions(articles, QUERIES + WARMUP);
  const averageLength = (pick: (index: number) => string): number => Math.round(articles.reduce((sum, _, at) => sum + pick(at).length, 0) / articles.length);
  collect();
  const before = process.memoryUsage();

  const index = createSearchIndex();
  const buildCpuStarted = process.cpuUsage();
  const started = performance.now();
  for (const article of articles) index.upsert(article);
  const buildMs = performance.now() - started;
  const buildCpu = process.cpuUsage(buildCpuStarted);
  collect();
  const after = process.memoryUsage();

  // A suggestion asks within the reworded article's own community, as the asker's thread would.
  const shapes: Record<string, (question: SyntheticQuestion, at: number) => SearchQuery> = {
    'suggestion (1 community, top 3)': ({ text, rewords }, at) => ({ text, communityId: rewords?.communityId ?? `community-${at % COMMUNITIES}`, visibility: ['public', 'community'], limit: 3 }),
    'kb search (all, top 10)': ({ text }) => ({ text, visibility: ['public', 'community', 'staff'], limit: 10 }),
  };
  const rows = [['query', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'CPU p50', 'CPU p95', 'hits/query', 'reworded found 1st']];
  for (const [name, shape] of Object.entries(shapes)) {
    questions.slice(0, WARMUP).forEach((question, at) => index.search(shape(question, at)));
    const latencies: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    let reworded = 0;
    let foundFirst = 0;
    questions.slice(WARMUP).forEach((question, at) => {
      const cpuStarted = process.cpuUsage();
      const queryStarted = performance.now();
      const found = index.search(shape(question, at));
      latencies.push(performance.now() - queryStarted);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      hits += found.length;
      const visible = question.rewords && (question.rewords.visibility !== 'staff' || name.startsWith('kb search'));
      if (visible) reworded += 1;
      if (visible && found[0]?.articleId === question.rewords?.id) foundFirst += 1;
    });
    const summary = summarize(latencies);
    const sortedCpu = cpu.sort((a, b) => a - b);
    const p95 = percentile([...latencies].sort((a, b) => a - b), 95);
    rows.push([name, String(summary.count), ms(summary.p50), ms(p95), ms(summary.p99), ms(summary.max), ms(summary.mean), ms(percentile(sortedCpu, 50)), ms(percentile(sortedCpu, 95)), (hits / summary.count).toFixed(1), (foundFirst / Math.max(1, reworded)).toFixed(3)]);
  }

  console.log(`Similar-question index: ${index.size.toLocaleString('en')} synthetic articles in ${COMMUNITIES} communities`);
  console.log(`  average characters: title ${averageLength((at) => articles[at]?.title ?? '')}, question ${averageLength((at) => articles[at]?.question ?? '')}, answer ${averageLength((at) => articles[at]?.answer ?? '')}`);
  console.log(`  build: ${(buildMs / 1000).toFixed(1)} s (${((buildMs * 1000) / articles.length).toFixed(0)} µs per article; CPU ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s)`);
  console.log(`  memory after build: heap used ${mib(after.heapUsed)} (+${mib(after.heapUsed - before.heapUsed)} for the index), array buffers +${mib(after.arrayBuffers - before.arrayBuffers)}, RSS ${mib(after.rss)}`);
  console.log(`  node ${process.version}, ${QUERIES} queries after ${WARMUP} warm-up ones, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores\n`);
  console.log(table(rows));
  console.log('\nms: wall-clock per query; CPU: the process\'s CPU time per query (what the query costs when other work shares the cores);');
  console.log('reworded found 1st: share of questions rewording a visible article that rank it first (a sanity check that pruning keeps quality).');
}

main();
