import type { PrivacyMode } from '../domain/network.ts';
import { DEFAULT_CHOICES, personKey, type PersonKey, type PrivacyChoices } from '../privacy/index.ts';
import { withoutTexts } from './article-rules.ts';
import type { Article, Contributor, PublishedArticle, SearchDocument, ShownContributor } from './port.ts';

// What readers and the search index get of an article, pure: names only with consent in a `named`
// community, words only of people who let them be indexed.

/** Staff are the people on the employees' side of the network. */
export const isStaff = (contributor: Pick<Contributor, 'platform'>): boolean => contributor.platform === 'slack' || contributor.platform === 'teams';

const choiceOf = (choices: ReadonlyMap<string, PrivacyChoices>, person: PersonKey): PrivacyChoices => choices.get(personKey(person)) ?? DEFAULT_CHOICES;

/** How a contributor is shown: their name only when the community is `named` and they chose to show it. */
export function showContributor(contributor: Contributor, mode: PrivacyMode, choices: ReadonlyMap<string, PrivacyChoices>): ShownContributor {
  const named = mode === 'named' && choiceOf(choices, contributor).showName;
  return { role: contributor.role, name: named ? contributor.displayName : null, staff: isStaff(contributor) };
}

/** A published article as readers see it; the caller has checked its state and visibility. */
export function toPublishedArticle(article: Article, mode: PrivacyMode, choices: ReadonlyMap<string, PrivacyChoices>): PublishedArticle {
  return {
    id: article.id,
    communityId: article.communityId,
    sourceId: article.sourceId,
    title: article.title,
    question: article.question,
    answer: article.answer,
    context: article.context,
    tags: [...article.tags],
    product: article.product,
    version: article.version,
    language: article.language,
    visibility: article.visibility,
    contributors: article.contributors.map((contributor) => showContributor(contributor, mode, choices)),
    sources: article.sources.map((source) => ({ ...source })),
    lastVerifiedAt: article.lastVerifiedAt,
    publishedAt: article.publishedAt ?? article.updatedAt,
    updatedAt: article.updatedAt,
  };
}

/**
 * The search document of a published article: the words of parts whose authors did not let them be
 * indexed are taken out of title, question and answer (where they appear verbatim, as captured).
 */
export function toSearchDocument(article: Pick<Article, 'id' | 'communityId' | 'sourceId' | 'title' | 'question' | 'answer' | 'tags' | 'language' | 'visibility'>, parts: ReadonlyArray<PersonKey & { text: string }>, choices: ReadonlyMap<string, PrivacyChoices>): SearchDocument {
  const hidden = parts.filter((part) => !choiceOf(choices, part).indexable).map((part) => part.text);
  return {
    id: article.id,
    communityId: article.communityId,
    sourceId: article.sourceId,
    // A title taken from a hidden question (its first line) goes with it.
    title: hidden.some((text) => text.includes(article.title.trim())) ? '' : withoutTexts(article.title, hidden),
    question: withoutTexts(article.question, hidden),
    answer: withoutTexts(article.answer, hidden),
    tags: [...article.tags],
    language: article.language,
    visibility: article.visibility,
  };
}

/** Everyone whose choices a set of articles' views depend on: contributors and part authors, once each. */
export function peopleOf(articles: ReadonlyArray<Pick<Article, 'contributors'>>, parts: ReadonlyArray<PersonKey> = []): PersonKey[] {
  const people = new Map<string, PersonKey>();
  for (const person of [...articles.flatMap((article) => article.contributors), ...parts]) people.set(personKey(person), { platform: person.platform, userId: person.userId });
  return [...people.values()];
}
