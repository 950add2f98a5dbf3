import type { ArticleVisibility, SearchDocument } from '../../../core/knowledge/port.ts';

/**
 * A deterministic synthetic help-desk corpus with the shapes of real support articles: titles of
 * 4-12 words, questions of 15-120 words, answers of 25-160 words, English function words making up
 * about 40 % of the text, a Zipf-distributed content vocabulary (a few words everywhere, most rare),
 * some quoted error strings and tags.
 */

const FUNCTION_WORDS = ('the a to and of i in is it my for on that this with not but can how when do have '
  + 'be are you was from at or if what there an as so does any way get all just after cannot dont').split(' ');
const DOMAIN_WORDS = ('account login password error update install sync server app page settings email '
  + 'payment invoice billing export import backup file folder upload download permission role admin user '
  + 'channel message notification browser mobile android ios windows mac version release plugin api token '
  + 'webhook integration report dashboard search filter calendar subscription plan refund license').split(' ');
const SYLLABLES = 'ka lo mi ne ra su te vo pi da fe gu ho ji ku ly ma no pe qu ri sa to ve wi xa yo ze bri cla dro fle gri'.split(' ');

/** A seeded pseudo-random source, so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Makes a vocabulary of `size` content words and a Zipf sampler over it. */
export function createVocabulary(size: number, random: () => number) {
  const words = new Set<string>(DOMAIN_WORDS);
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let at = 0; at < length; at += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  const list = [...words];
  // Cumulative Zipf (s = 1) weights; a binary search turns a uniform draw into a rank.
  const cumulative = new Float64Array(list.length);
  let total = 0;
  list.forEach((_, rank) => (cumulative[rank] = total += 1 / (rank + 1)));
  const content = (): string => {
    const target = random() * total;
    let low = 0, high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return list[low] as string;
  };
  const word = (functionShare: number): string =>
    random() < functionShare ? (FUNCTION_WORDS[Math.floor(random() * FUNCTION_WORDS.length)] as string) : content();
  const text = (min: number, max: number, functionShare = 0.4): string => {
    const count = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let at = 0; at < count; at += 1) out.push(word(functionShare));
    if (random() < 0.15) out.splice(Math.floor(random() * out.length), 0, `"${content()} ${Math.floor(random() * 900) + 100}"`);
    return out.join(' ');
  };
  return { content, text };
}

const VISIBILITIES: readonly ArticleVisibility[] = ['public', 'public', 'community', 'community', 'staff'];

/** `count` articles spread over `communities` communities. */
export function syntheticArticles(count: number, communities: number, seed = 1): SearchDocument[] {
  const random = seededRandom(seed);
  const vocabulary = createVocabulary(40_000, random);
  return Array.from({ length: count }, (_, at) => ({
    id: `article-${at}`,
    communityId: `community-${at % communities}`,
    sourceId: null,
    title: `${vocabulary.text(4, 12, 0.3)}?`,
    question: vocabulary.text(15, 120),
    answer: vocabulary.text(25, 160),
    tags: Array.from({ length: Math.floor(random() * 4) }, () => vocabulary.content()),
    language: 'en',
    visibility: VISIBILITIES[at % VISIBILITIES.length] as ArticleVisibility,
  }));
}

/** A synthetic question, and the article it rewords (none for a new question). */
export interface SyntheticQuestion {
  text: string;
  rewords: SearchDocument | null;
}

/**
 * Questions as customers ask them: half reworded articles (some title words kept, others replaced,
 * a line of the question), half new questions (a title and a message of 10-80 words).
 */
export function syntheticQuestions(articles: readonly SearchDocument[], count: number, seed = 2): SyntheticQuestion[] {
  const random = seededRandom(seed);
  const vocabulary = createVocabulary(40_000, seededRandom(1));
  return Array.from({ length: count }, () => {
    if (random() < 0.5) {
      const article = articles[Math.floor(random() * articles.length)] as SearchDocument;
      const title = article.title.split(' ').map((word) => (random() < 0.35 ? vocabulary.content() : word)).join(' ');
      return { text: `${title}\n${article.question.split(' ').slice(0, 12 + Math.floor(random() * 30)).join(' ')}`, rewords: article };
    }
    return { text: `${vocabulary.text(4, 12, 0.3)}?\n${vocabulary.text(10, 80)}`, rewords: null };
  });
}
