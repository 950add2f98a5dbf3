import { iso6393To1 } from 'iso-639-3';
import { newStemmer } from 'snowball-stemmers';
import * as stopwords from 'stopword';

/** How words of one language are reduced to index terms: its stopwords and its stemmer. */
export interface LanguageRules {
  readonly code: string;
  isStopword(word: string): boolean;
  stem(word: string): string;
}

// ISO 639-1 -> Snowball algorithm. Slovak has none; Czech's light stemmer is the nearest relative.
const SNOWBALL: Readonly<Record<string, string>> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', cs: 'czech', sk: 'czech', da: 'danish', nl: 'dutch',
  en: 'english', fi: 'finnish', fr: 'french', de: 'german', hu: 'hungarian', it: 'italian', ga: 'irish',
  no: 'norwegian', nb: 'norwegian', nn: 'norwegian', pt: 'portuguese', ro: 'romanian', ru: 'russian',
  es: 'spanish', sl: 'slovene', sv: 'swedish', ta: 'tamil', tr: 'turkish',
};

// ISO 639-1 -> the ISO 639-3 code that names its list in `stopword`.
const TO_639_3 = new Map(Object.entries(iso6393To1).map(([code3, code1]) => [code1, code3]));
TO_639_3.set('nb', 'nob').set('no', 'nob').set('ms', 'msa').set('zh', 'zho').set('fa', 'fas');

const STOPWORD_LISTS = new Map<string, unknown>(Object.entries(stopwords));

// Stemming is the costliest step of analysis and words repeat across documents and queries. The
// cache is emptied when full rather than kept least-recently-used: an LRU's bookkeeping on every
// hit cost more than the stemming it saved.
const STEM_CACHE_SIZE = 100_000;
const rulesByCode = new Map<string, LanguageRules>();

/** `en`, `en-US` and `EN_us` all name English; anything unreadable falls back to `fallback`. */
export function languageCode(language: string | null | undefined, fallback: string): string {
  const code = language?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(code) ? code : fallback.toLowerCase();
}

/** The rules for an ISO 639-1 language; a language without a stemmer or list keeps its words whole. */
export function languageRules(code: string): LanguageRules {
  const known = rulesByCode.get(code);
  if (known) return known;
  const algorithm = SNOWBALL[code];
  const stemmer = algorithm ? newStemmer(algorithm) : null;
  const cache = new Map<string, string>();
  const stop = new Set(stopwordList(code).map(withoutApostrophes));
  const rules: LanguageRules = {
    code,
    isStopword: (word) => stop.has(word),
    stem(word) {
      if (!stemmer) return word;
      let stemmed = cache.get(word);
      if (stemmed === undefined) {
        stemmed = stemmer.stem(word);
        if (cache.size >= STEM_CACHE_SIZE) cache.clear();
        cache.set(word, stemmed);
      }
      return stemmed;
    },
  };
  rulesByCode.set(code, rules);
  return rules;
}

/** Words are indexed without apostrophes ("don't" -> "dont"), so people who skip them still match. */
export function withoutApostrophes(word: string): string {
  return word.replace(/['’ʼ]/g, '');
}

function stopwordList(code: string): readonly string[] {
  const name = TO_639_3.get(code);
  const list: unknown = name ? STOPWORD_LISTS.get(name) : undefined;
  return Array.isArray(list) ? list.filter((word): word is string => typeof word === 'string') : [];
}
