import type { CommandServices, CommunityStats } from '../../core/commands/index.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import type { MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';
import type { KnowledgeBase, LatencyWindow, Suggestions } from '../../core/knowledge/index.ts';
import type { QuestionFiguresRecord } from '../../core/lifecycle/index.ts';
import type { SatisfactionFigures } from '../../core/satisfaction/index.ts';

/** What the knowledge figures are read from: suggestions, article counts, this process' search durations, the lifecycle's question figures. */
export interface KnowledgeFiguresConfig {
  network: () => NetworkConfig;
  suggestions: Pick<Suggestions, 'counts'>;
  knowledge: Pick<KnowledgeBase, 'counts'>;
  searchLatency: LatencyWindow;
  questions?: { figures(communityId: string, since: Date): Promise<QuestionFiguresRecord> };
  /** Survey ratings (satisfaction's reader); absent: the stats reply has no satisfaction line. */
  satisfaction?: { figures(communityId: string, since: Date): Promise<SatisfactionFigures> };
  /** Question figures cover this many days back (default 30). */
  days?: number;
  clock?: () => Date;
}

const DAY_MS = 86_400_000;

/** `stats` for a community: suggestion figures (all time), search latency, articles by state, questions and survey ratings of the last days. */
export function createStatsService(config: KnowledgeFiguresConfig): NonNullable<CommandServices['stats']> {
  const days = config.days ?? 30;
  const clock = config.clock ?? (() => new Date());
  return {
    async read(communityId): Promise<CommunityStats> {
      const community = config.network().communities.find((candidate) => candidate.id === communityId);
      const communityName = community?.name ?? communityId;
      const since = new Date(clock().getTime() - days * DAY_MS);
      const [counts, articles, questions, satisfaction] = await Promise.all([
        config.suggestions.counts({ communityId }),
        config.knowledge.counts(communityId),
        config.questions?.figures(communityId, since) ?? null,
        config.satisfaction?.figures(communityId, since) ?? null,
      ]);
      const mine = counts.find((row) => row.communityId === communityId);
      const search = config.searchLatency.summary();
      return {
        communityName,
        suggestions: { suggestedQuestions: mine?.suggestedQuestions ?? 0, deflectedQuestions: mine?.deflectedQuestions ?? 0, shown: mine?.shown ?? 0, accepted: mine?.accepted ?? 0 },
        search: search === null ? null : { count: search.count, p50Ms: search.p50Ms, p95Ms: search.p95Ms },
        articles,
        questions: questions === null ? null : { days, ...questions },
        // A community that never asked (surveys off, none left from when they were on) gets no line.
        satisfaction: satisfaction !== null && (community?.satisfaction.enabled === true || satisfaction.asked > 0) ? satisfaction : null,
      };
    },
  };
}

// One scrape reads several gauges: one read of the figures serves them all for a second.
function shared<T>(read: () => Promise<T>, ttlMs = 1_000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (cached === undefined || Date.now() - cached.at > ttlMs) {
      const value = read();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * The knowledge base's figures on /metrics, per community, read from the database at scrape time
 * (all processes' work, since the start): suggested and deflected questions and the deflection
 * rate, suggestions shown and accepted and the click-through, articles by state. Search latency is
 * the histogram `heimo_kb_search_seconds` (this process' searches).
 */
export function registerKnowledgeMetrics(metrics: MetricsRegistry, config: Pick<KnowledgeFiguresConfig, 'network' | 'suggestions' | 'knowledge'>): void {
  const suggestions = shared(() => config.suggestions.counts());
  const articles = shared(async () =>
    Promise.all(config.network().communities.map(async (community) => ({ community: community.id, counts: await config.knowledge.counts(community.id) }))));
  const perCommunity = (name: string, help: string, value: (row: Awaited<ReturnType<typeof suggestions>>[number]) => number): void =>
    metrics.addScrapeGauge({ name, help, labelNames: ['community'], read: async () => (await suggestions()).map((row) => ({ labels: { community: row.communityId }, value: value(row) })) });
  perCommunity('heimo_kb_suggested_questions', 'Questions that got at least one suggested article', (row) => row.suggestedQuestions);
  perCommunity('heimo_kb_deflected_questions', 'Questions the asker resolved with a suggested article ("This solved it")', (row) => row.deflectedQuestions);
  perCommunity('heimo_kb_deflection_rate', 'Deflected questions / questions that got a suggestion (0 when none did)', (row) => ratio(row.deflectedQuestions, row.suggestedQuestions));
  perCommunity('heimo_kb_suggestions_shown', 'Articles suggested (one per article per question)', (row) => row.shown);
  perCommunity('heimo_kb_suggestions_accepted', 'Suggested articles the asker accepted', (row) => row.accepted);
  perCommunity('heimo_kb_suggestion_click_through', 'Suggestions accepted / suggestions shown (0 when none was shown)', (row) => ratio(row.accepted, row.shown));
  metrics.addScrapeGauge({
    name: 'heimo_kb_articles',
    help: 'Knowledge-base articles per community and state (stale: published ones flagged for re-verification)',
    labelNames: ['community', 'state'],
    read: async () => (await articles()).flatMap(({ community, counts }) => Object.entries(counts).map(([state, value]) => ({ labels: { community, state }, value }))),
  });
}
