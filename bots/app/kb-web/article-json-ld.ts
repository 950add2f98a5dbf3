import type { PublishedArticle, ShownContributor } from '../../../core/knowledge/index.ts';
import { plainOf } from './plain-summary.ts';

const person = (contributors: readonly ShownContributor[], role: ShownContributor['role']): { author: { '@type': 'Person'; name: string } } | Record<string, never> => {
  const named = contributors.find((contributor) => contributor.role === role && contributor.name !== null);
  return named?.name === null || named === undefined ? {} : { author: { '@type': 'Person', name: named.name } };
};

/**
 * schema.org QAPage for an article (what search engines show as a Q&A result): the question with
 * its one accepted answer. Authors only where the page names them, i.e. with their consent.
 */
export function articleJsonLd(article: PublishedArticle, url: string): Record<string, unknown> {
  const published = article.publishedAt.toISOString();
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    url,
    ...(article.language === null ? {} : { inLanguage: article.language }),
    dateModified: article.updatedAt.toISOString(),
    mainEntity: {
      '@type': 'Question',
      name: article.title,
      text: plainOf(article.question),
      answerCount: 1,
      dateCreated: published,
      ...person(article.contributors, 'asker'),
      ...(article.tags.length === 0 ? {} : { keywords: article.tags.join(', ') }),
      acceptedAnswer: {
        '@type': 'Answer',
        text: plainOf(article.answer),
        dateCreated: published,
        url: `${url}#answer`,
        ...person(article.contributors, 'answerer'),
      },
    },
  };
}
