import { describe, expect, it } from 'vitest';
import { canonicalToDiscord, parseCanonicalToDiscord } from '../../../bots/discord/text-out.ts';
import { canonicalToSlack, parseCanonicalToSlack } from '../../../bots/slack/text-out.ts';
import { isPlainText } from '../../../core/format/plain-text.ts';
import { parseSlackToCanonical, slackToCanonical } from '../../../bots/slack/text-in.ts';

// A seeded generator: the same strings on every run, so a failure reproduces.
function randomTexts(alphabet: string[], count: number, maxLength: number, seed: number): string[] {
  let state = seed;
  const next = (limit: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % limit;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(maxLength) }, () => alphabet[next(alphabet.length)] ?? '').join(''));
}

const PLAIN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...' ,.;\'"?%=+-!()/', 'é', 'ß', 'Ж', ' ', ' ', 'www.', '1. ', '- ', 'http', '\n', '\n\n', '\n\n\n'];
const MARKUP_ALPHABET = [...PLAIN_ALPHABET, '*', '_', '~', '[', ']', '<', '>', '&', '#', '|', '@', ':', '\\', '\n', '\n\n', '    ', '@everyone', '<@123>', '<@&9>', '<#5>', '~~~', '> ', '# ', '&lt;', '<!here>', '\u200b'];

describe('plain-text shortcut', () => {
  it('should give what the full parse gives when a text counts as plain', () => {
    const texts = randomTexts(PLAIN_ALPHABET, 4_000, 40, 7).filter(isPlainText);
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.filter((text) => text.includes('\n\n')).length).toBeGreaterThan(50);
    for (const text of texts) {
      expect(canonicalToSlack(text), text).toBe(parseCanonicalToSlack(text));
      expect(slackToCanonical(text), text).toBe(parseSlackToCanonical(text));
    }
  });

  it('should give what the full parse gives when canonical text without a backtick goes to Discord', () => {
    const texts = randomTexts(MARKUP_ALPHABET, 4_000, 30, 11);
    for (const text of texts) expect(canonicalToDiscord(text), text).toBe(parseCanonicalToDiscord(text));
  });

  it('should refuse the shortcut when a text could be markup in some position', () => {
    for (const text of ['*bold*', 'a_b_', 'see www.example.com', 'a: b', '1. item', '- item', 'trailing ', 'a\n', '\nb', 'a\n b', 'a\n- b', 'x <y>', 'a & b', 'hi @here', '#title', 'tab\there', '`code`', ' lead']) {
      expect(isPlainText(text), text).toBe(false);
    }
    for (const text of ['Hello, can anyone help me (please)?', 'It fails after 3 retries - 100% of the time!', 'and/or "quoted" text; fine.', 'two\nlines', 'para one\n\npara two']) {
      expect(isPlainText(text), text).toBe(true);
    }
  });
});
