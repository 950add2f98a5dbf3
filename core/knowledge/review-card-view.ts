import type { MessageKey, Translator } from '../i18n/index.ts';
import type { CardAction, CardFact, ReviewCardView } from '../ports/delivery.ts';
import type { Article, Contributor } from './port.ts';

/** The registry commands the review card's buttons run, each with `args: { article: <id> }`. */
export const REVIEW_COMMANDS = { publish: 'kb publish', edit: 'kb edit', reject: 'kb reject' } as const;

const CONTRIBUTOR_KEYS: Partial<Record<Contributor['role'], MessageKey>> = {
  answerer: 'review.fact.answeredBy',
  accepter: 'review.fact.acceptedBy',
  asker: 'review.fact.askedBy',
};

const STALE_KEYS: Record<string, MessageKey> = {
  age: 'review.staleReason.age',
  reopened: 'review.staleReason.reopened',
  recaptured: 'review.staleReason.recaptured',
};

/** The state as reviewers read it: who decided, when someone did. */
function stateLabel(article: Article, t: Translator, decidedBy: string | undefined): string {
  if (article.state === 'published') return decidedBy === undefined ? t('review.state.published') : t('review.state.publishedBy', { name: decidedBy });
  if (article.state === 'rejected') return decidedBy === undefined ? t('review.state.rejected') : t('review.state.rejectedBy', { name: decidedBy });
  return t(article.state === 'retired' ? 'review.state.retired' : 'review.state.draft');
}

/** The card's facts: tags, who answered, accepted and asked, the sources, the language, a stale flag. */
function factsOf(article: Article, t: Translator): CardFact[] {
  const facts: CardFact[] = [];
  if (article.tags.length > 0) facts.push({ label: t('review.fact.tags'), value: article.tags.join(', ') });
  for (const contributor of article.contributors) {
    const key = CONTRIBUTOR_KEYS[contributor.role];
    // Reviewers are staff: they see names, as on the question's card (articles show them only with consent).
    if (key !== undefined) facts.push({ label: t(key), value: contributor.displayName });
  }
  for (const source of article.sources) facts.push({ label: t('review.fact.source'), value: source.url });
  if (article.language !== null) facts.push({ label: t('review.fact.language'), value: article.language });
  if (article.stale) {
    const reason = article.staleReason === null ? undefined : STALE_KEYS[article.staleReason];
    facts.push({ label: t('review.fact.stale'), value: reason === undefined ? (article.staleReason ?? '') : t(reason), alert: true });
  }
  return facts;
}

/** Publish, Edit and Reject while the article is a draft; nothing once it is decided. */
export function reviewActions(article: Pick<Article, 'id' | 'state'>, t: Translator): CardAction[] {
  if (article.state !== 'draft') return [];
  const args = { article: article.id };
  return [
    { command: REVIEW_COMMANDS.publish, label: t('review.action.publish'), style: 'primary', args },
    { command: REVIEW_COMMANDS.edit, label: t('review.action.edit'), style: 'default', args },
    { command: REVIEW_COMMANDS.reject, label: t('review.action.reject'), style: 'danger', args },
  ];
}

/** A draft article's review card in the community's language; `decidedBy` names who published or rejected it. */
export function reviewCardView(article: Article, t: Translator, delivery: { idempotencyKey: string; isRetry: boolean; decidedBy?: string }): ReviewCardView {
  return {
    articleId: article.id,
    title: article.title,
    question: article.question,
    answer: article.answer,
    stateLabel: stateLabel(article, t, delivery.decidedBy),
    facts: factsOf(article, t),
    actions: reviewActions(article, t),
    idempotencyKey: delivery.idempotencyKey,
    isRetry: delivery.isRetry,
  };
}
