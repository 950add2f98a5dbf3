import type { SearchDocument } from '../../core/knowledge/port.ts';

/** A search document with plausible defaults; tests override what they are about. */
export function article(id: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    communityId: 'acme',
    sourceId: null,
    title: '',
    question: '',
    answer: '',
    tags: [],
    language: 'en',
    visibility: 'public',
    ...fields,
  };
}

/** A small help desk: a few articles on different subjects, one of them staff-only, one elsewhere. */
export const HELP_DESK: readonly SearchDocument[] = [
  article('delete-account', {
    title: 'How do I delete my account?',
    question: 'I no longer use the service and want my account and data removed for good.',
    answer: 'Open Settings, then Privacy, then Delete account. Deletion is final after 14 days.',
    tags: ['account'],
  }),
  article('reset-password', {
    title: 'Resetting a forgotten password',
    question: 'I forgot my password and cannot log in any more.',
    answer: 'Use "Forgot password" on the login page; the reset link is valid for one hour.',
  }),
  article('export-invoices', {
    title: 'Export all invoices as PDF',
    question: 'Our accountant needs every invoice of last year in one download.',
    answer: 'Billing, Invoices, select the year and choose Export as PDF (a zip file).',
    tags: ['billing'],
  }),
  article('strikethrough', {
    title: 'Strikethrough text in GitHub markdown',
    question: '',
    answer: 'Wrap the words in two tildes: ~~like this~~.',
  }),
  article('can-could', {
    title: 'When do I use "can" or "could"?',
    question: 'Which one is right, "can" or "could", when asking politely?',
    answer: '',
  }),
  article('shall-will', {
    title: 'When should I use "shall" versus "will"?',
    question: 'Which is the correct use of these two words?',
    answer: '',
  }),
  article('api-rate-limit', {
    title: 'API returns 429 Too Many Requests',
    question: 'Our integration gets HTTP 429 errors from the API during the nightly sync.',
    answer: 'The limit is 100 requests per minute per token; back off using the Retry-After header.',
    visibility: 'staff',
  }),
  article('other-delete-account', {
    communityId: 'globex',
    title: 'Delete my account',
    question: 'How can I remove my account?',
    answer: 'Write to support.',
  }),
];
