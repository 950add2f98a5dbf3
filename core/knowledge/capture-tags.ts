// Tags of a captured article, derived from its words: the terms its title names and its answer
// repeats (a question's topic is what both speak of), most frequent first. Words shorter than four
// letters and plain numbers say little on their own and are left out.

/** At most this many tags are derived. */
export const MAX_TAGS = 5;
const MIN_LENGTH = 4;
const MAX_LENGTH = 40;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

// Links and code say nothing a tag should: they are left out before the words are counted.
const NOISE = /https?:\/\/\S+|`{3}[\s\S]*?`{3}|`[^`]*`/g;

/** The words of a text as tags compare them: lowercase, letters (and digits) only. */
export function words(text: string, locale?: string): string[] {
  const found: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.replace(NOISE, ' '))) {
    if (isWordLike !== true) continue;
    const word = segment.toLocaleLowerCase(locale);
    if (word.length >= MIN_LENGTH && word.length <= MAX_LENGTH && /\p{L}/u.test(word)) found.push(word);
  }
  return found;
}

/** Up to MAX_TAGS tags: words of the title the answer also uses, by how often the article uses them. */
export function deriveTags(content: { title: string; question: string; answer: string }, locale?: string): string[] {
  const answer = new Set(words(content.answer, locale));
  const counts = new Map<string, number>();
  for (const word of [...words(content.title, locale), ...words(content.question, locale), ...answer]) counts.set(word, (counts.get(word) ?? 0) + 1);
  const candidates = [...new Set(words(content.title, locale))].filter((word) => answer.has(word));
  // Ties go to the longer word (more specific), then alphabetically (the same tags every time).
  candidates.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length || a.localeCompare(b));
  return candidates.slice(0, MAX_TAGS);
}
