// Thanks detection for the `gratitude.expressed` event: pure, no I/O. Text is folded (lower case,
// diacritics removed through Unicode decomposition, apostrophes inside words dropped) and split into
// words; a thanks is a known phrase that no negation ("no thanks"), request ("thanks in advance",
// "I'd appreciate it") or sarcasm ("thanks for nothing") qualifies. A thanks followed by a problem
// ("thanks, but it still fails") is still a thanks: the person is grateful for the help so far, and
// credits' fairness rules (one per pair per day, caps) keep it from being worth much.

/** Languages whose thanks words are recognised. */
export type ThanksLanguage = 'en' | 'fi' | 'sk' | 'cs';

/** Every recognised language (the default of isThanks). */
export const THANKS_LANGUAGES: readonly ThanksLanguage[] = ['en', 'fi', 'sk', 'cs'];

// Phrases as folded words. `thank` alone is no thanks ("should I thank him?"); `thank you` is.
const PHRASES: Record<ThanksLanguage, readonly string[]> = {
  en: ['thanks', 'thank you', 'thank u', 'thankyou', 'thanku', 'thanx', 'thnx', 'thx', 'tnx', 'thks', 'tysm', 'tyvm', 'cheers', 'appreciate it',
    'appreciate that', 'appreciate this', 'appreciate you', 'appreciate your', 'appreciated', 'i appreciate', 'grateful', 'many thanks'],
  // Finnish: the forms people write; `kiito-` as a prefix would also take `kiitotie` (runway).
  fi: ['kiitos', 'kiitoksia', 'kiitokset', 'kiitoksii', 'kiitti', 'kiitan', 'kiitamme', 'kiitollinen', 'kiitollisena'],
  sk: ['dakujem', 'dakujeme', 'dakujes', 'vdaka', 'vdacny', 'vdacna', 'dik', 'diky', 'dikes', 'dakujem pekne'],
  cs: ['dekuji', 'dekujeme', 'dekuju', 'diky', 'dik', 'dikec'],
};

// Words that turn a following thanks into a refusal: "no thanks", "ei kiitos", "nie, ďakujem".
const NEGATIONS = new Set(['no', 'nope', 'nah', 'ei', 'nie', 'ne']);
// A thanks said before the help ("thanks in advance", "kiitos etukäteen", "vopred ďakujem", "TIA").
const ADVANCE = new Set(['advance', 'etukateen', 'etukateeen', 'vopred', 'predem', 'tia']);
// "thanks for nothing", "no thanks to you".
const SARCASM = [['for', 'nothing'], ['a', 'lot', 'for', 'nothing']];
// "I would appreciate it if..." asks, it does not thank.
const REQUEST = new Set(['would', 'id', 'wd', 'will']);
const ADVANCE_REACH = 3;

const splitPhrases = (languages: readonly ThanksLanguage[]): string[][] => languages.flatMap((language) => PHRASES[language].map((phrase) => phrase.split(' ')));
const ALL_PHRASES = splitPhrases(THANKS_LANGUAGES);

/** Lower case, no diacritics (NFKD then combining marks dropped), no apostrophes inside words (d'akujem, thank's). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/(\p{L})['’`](\p{L})/gu, '$1$2');
}

// Mentions arrive as `@name` in canonical text: a name like "Ty" or "Kiitos" must not count.
const wordsOf = (folded: string): string[] => folded.replace(/@[^\s@]+/gu, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];

const startsWith = (words: readonly string[], at: number, phrase: readonly string[]): boolean => phrase.every((word, i) => words[at + i] === word);

function qualified(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  const before = words[at - 1];
  if (before !== undefined && NEGATIONS.has(before)) return true;
  const end = at + phrase.length;
  if (SARCASM.some((tail) => startsWith(words, end, tail))) return true;
  if (phrase[0] === 'appreciate' || phrase[1] === 'appreciate') {
    const subject = phrase[0] === 'i' ? at : at - 1;
    if (REQUEST.has(words[subject - 1] ?? '') || REQUEST.has(words[subject] ?? '')) return true;
  }
  for (let i = Math.max(0, at - ADVANCE_REACH); i < Math.min(words.length, end + ADVANCE_REACH); i += 1) {
    if (ADVANCE.has(words[i] ?? '')) return true;
  }
  return false;
}

// `ty` is English shorthand but Slovak and Czech for "you" ("ty si super", "a ty?"): it counts only
// as the last word of a message that asks nothing ("ok ty!", "ty @anna").
function shorthandThanks(words: readonly string[], folded: string): boolean {
  return words[words.length - 1] === 'ty' && !folded.includes('?') && !NEGATIONS.has(words[words.length - 2] ?? '');
}

/**
 * True when the text thanks someone, in any of `languages` (default: all recognised): tolerant of
 * case, diacritics, punctuation and emoji; not fooled by refusals, requests, sarcasm or the words
 * inside other words. A message of thank-you emoji alone (🙏) is a thanks too.
 */
export function isThanks(text: string, languages: readonly ThanksLanguage[] = THANKS_LANGUAGES): boolean {
  const folded = foldText(text);
  const words = wordsOf(folded);
  if (words.length === 0) return emojiOnlyThanks(text);
  const phrases = languages === THANKS_LANGUAGES ? ALL_PHRASES : splitPhrases(languages);
  for (let at = 0; at < words.length; at += 1) {
    for (const phrase of phrases) {
      if (startsWith(words, at, phrase) && !qualified(words, at, phrase)) return true;
    }
  }
  return languages.includes('en') && shorthandThanks(words, folded);
}

// 👍 is agreement ("ok", "works for me"), ⭐/💯 endorse an answer, 🙏 🙌 🫶 and hearts are thanks in
// every community we read: the set is kept small so that a reaction means gratitude, not a vote.
const THANKS_EMOJI = new Set(['🙏', '🙌', '❤', '🫶', '💯', '⭐']);

// Variation selectors (❤️ vs ❤) and skin tones (🙏🏽) do not change what an emoji says.
const bareEmoji = (emoji: string): string => emoji.replace(/[\uFE0E\uFE0F]|\p{Emoji_Modifier}/gu, '').trim();

/** True when a reaction's emoji says thank you: 🙏 🙌 ❤️ 🫶 💯 ⭐ (any skin tone or presentation); 👍 is agreement, not thanks. */
export function isThanksEmoji(emoji: string): boolean {
  return THANKS_EMOJI.has(bareEmoji(emoji));
}

// Only emoji (and spaces, punctuation), at least one of them a thanks emoji.
function emojiOnlyThanks(text: string): boolean {
  const emoji = text.replace(/@[^\s@]+/gu, ' ').match(/\p{Extended_Pictographic}(?:[\uFE0E\uFE0F]|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*/gu) ?? [];
  return emoji.some(isThanksEmoji);
}
