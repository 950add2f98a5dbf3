import type { SearchDocument } from '../port.ts';
import type { ResolvedSearchConfig } from './config.ts';
import { languageRules, type LanguageRules } from './languages.ts';

/** The fields a document is indexed by, each a list of terms (stemmed words, or `#`-prefixed n-grams). */
export interface AnalyzedDocument {
  title: string[];
  question: string[];
  answer: string[];
  keys: string[];
  grams: string[];
}

/** A query as weighted terms: words (stemmed, per language) and the title n-grams they share. */
export interface AnalyzedQuery {
  /** Every language's reading together, each term at its highest weight: what is ranked. */
  words: Map<string, number>;
  grams: Map<string, number>;
  /** Each language's own reading of the words (its stopwords dropped): what coverage is measured on. */
  readings: Map<string, number>[];
}

// Letters (with their combining marks) and digits; an apostrophe inside a word is dropped first.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ](?=\p{L})/gu;
// What people quote or mark as code is what the question is about: "can" vs "could", `ENOENT`.
const QUOTED = /["“”«»„]([^"“”«»„\n]{1,40})["“”«»„]|`([^`\n]{1,40})`|(?<![\p{L}\p{N}])['‘]([^'‘’\n]{1,30})['’](?![\p{L}\p{N}])|\*([^*\n]{1,30})\*|(?<![\p{L}\p{N}])_([^_\n]{1,30})_(?![\p{L}\p{N}])/gu;

/** Lower-cased words of `text`, apostrophes inside words removed ("don't" -> "dont"). */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(INNER_APOSTROPHE, '').match(WORD) ?? [];
}

/** The words inside quotes, backticks, *emphasis* or _emphasis_ in `text`. */
export function quotedWords(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(QUOTED)) {
    const span = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5];
    if (span) found.push(...words(span));
  }
  return found;
}

/** Content words as index terms: stopwords dropped, the rest stemmed. */
export function terms(tokens: readonly string[], rules: LanguageRules): string[] {
  const out: string[] = [];
  for (const token of tokens) if (!rules.isStopword(token)) out.push(rules.stem(token));
  return out;
}

/** Character n-grams of each term, with word boundaries marked, so "github" meets "git hub". */
export function grams(termList: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (const term of termList) {
    const marked = `<${term}>`;
    if (marked.length <= size) out.push(`#${marked}`);
    else for (let at = 0; at + size <= marked.length; at += 1) out.push(`#${marked.slice(at, at + size)}`);
  }
  return out;
}

/** Splits a document into its weighted fields, in its own language. */
export function analyzeDocument(document: SearchDocument, language: string, config: ResolvedSearchConfig): AnalyzedDocument {
  const rules = languageRules(language);
  const title = terms(words(document.title), rules);
  const keys = [...quotedWords(`${document.title}\n${document.question}`), ...document.tags.flatMap(words)];
  return {
    title,
    question: terms(words(document.question), rules),
    answer: terms(words(document.answer), rules),
    keys: keys.map((word) => rules.stem(word)),
    grams: grams(title, config.gramSize),
  };
}

/**
 * Turns query text into weighted terms for every language the index holds (a query carries no
 * language; short ones cannot be told apart reliably), keeping the highest weight a term gets, and
 * keeps each language's reading apart: an English question read by the rules of a language without
 * a stopword list keeps "how do i", which no English article contains.
 */
export function analyzeQuery(text: string, languages: readonly string[], config: ResolvedSearchConfig): AnalyzedQuery {
  const tokens = words(text);
  const quoted = quotedWords(text);
  const query: AnalyzedQuery = { words: new Map(), grams: new Map(), readings: [] };
  for (const language of languages) {
    const rules = languageRules(language);
    const content = terms(tokens, rules);
    const wordWeights = count(content, 1);
    for (const word of quoted) wordWeights.set(rules.stem(word), (wordWeights.get(rules.stem(word)) ?? 0) + config.keyQueryWeight);
    query.readings.push(wordWeights);
    keepHighest(query.words, wordWeights);
    keepHighest(query.grams, count(grams(content, config.gramSize), config.gramQueryWeight));
  }
  for (const weights of [query.words, query.grams, ...query.readings]) {
    for (const [term, weight] of weights) weights.set(term, ((config.k3 + 1) * weight) / (config.k3 + weight));
  }
  return query;
}

function count(list: readonly string[], weight: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) counts.set(item, (counts.get(item) ?? 0) + weight);
  return counts;
}

function keepHighest(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [term, weight] of from) if (weight > (into.get(term) ?? 0)) into.set(term, weight);
}
