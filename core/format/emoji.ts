import { createRequire } from 'node:module';

// emoji-datasource is the data set Slack's own shortcodes come from, so `:tada:`, `:+1:` and
// `:thumbsup:` mean here what they mean in Slack.
interface EmojiRecord {
  unified: string;
  short_names: string[];
  skin_variations?: Record<string, { unified: string }>;
}

/** A Slack reaction or shortcode: the name, and the skin tone Slack writes as `::skin-tone-N`. */
export interface Shortcode {
  name: string;
  skinTone?: string;
}

// Slack appends `::skin-tone-N:` (2..6) to a shortcode; these are the Fitzpatrick modifiers.
const SKIN_TONES: Record<string, string> = {
  'skin-tone-2': '1F3FB',
  'skin-tone-3': '1F3FC',
  'skin-tone-4': '1F3FD',
  'skin-tone-5': '1F3FE',
  'skin-tone-6': '1F3FF',
};

let byName: Map<string, EmojiRecord> | undefined;
let byEmoji: Map<string, Shortcode> | undefined;

// Loaded on first use: the table is large and only Slack-inbound text needs it.
function table(): Map<string, EmojiRecord> {
  if (byName) return byName;
  const require = createRequire(import.meta.url);
  const records = require('emoji-datasource/emoji.json') as EmojiRecord[];
  byName = new Map();
  for (const record of records) {
    for (const name of record.short_names) byName.set(name, record);
  }
  return byName;
}

function fromUnified(unified: string): string {
  return String.fromCodePoint(...unified.split('-').map((hex) => Number.parseInt(hex, 16)));
}

/** Unicode for a Slack shortcode name (`tada`), optionally skin-toned; undefined for unknown names. */
export function emojiFromShortcode(name: string, skinTone?: string): string | undefined {
  const record = table().get(name.toLowerCase());
  if (!record) return undefined;
  const tone = skinTone === undefined ? undefined : SKIN_TONES[skinTone];
  const variation = tone === undefined ? undefined : record.skin_variations?.[tone];
  return fromUnified(variation?.unified ?? record.unified);
}

// U+FE0F (emoji presentation) is optional in practice: Discord sends "❤️", others "❤".
const bare = (unified: string): string => unified.split('-').filter((hex) => hex !== 'FE0F').join('-');

const unifiedOf = (emoji: string): string =>
  [...emoji].map((char) => (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')).join('-');

function shortcodes(): Map<string, Shortcode> {
  if (byEmoji) return byEmoji;
  const tones = new Map(Object.entries(SKIN_TONES).map(([tone, hex]) => [hex, tone]));
  byEmoji = new Map();
  for (const record of new Set(table().values())) {
    const name = record.short_names[0];
    if (name === undefined) continue;
    byEmoji.set(bare(record.unified), { name });
    for (const [modifier, variation] of Object.entries(record.skin_variations ?? {})) {
      const skinTone = tones.get(modifier);
      // Two-person variations ("1F3FB-1F3FC") have no single Slack tone: they stay unmapped.
      if (skinTone !== undefined) byEmoji.set(bare(variation.unified), { name, skinTone });
    }
  }
  return byEmoji;
}

/** The Slack shortcode for a Unicode emoji (`👍🏽` -> `+1` with `skin-tone-4`); undefined when Slack has none. */
export function shortcodeFromEmoji(emoji: string): Shortcode | undefined {
  return shortcodes().get(bare(unifiedOf(emoji)));
}
