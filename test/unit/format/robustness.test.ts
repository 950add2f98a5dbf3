import { describe, expect, it } from 'vitest';
import { canonicalToDiscord } from '../../../bots/discord/text-out.ts';
import { canonicalToSlack } from '../../../bots/slack/text-out.ts';
import { canonicalToTeams } from '../../../bots/teams/text-out.ts';
import { discordToCanonical } from '../../../bots/discord/text-in.ts';
import { slackToCanonical } from '../../../bots/slack/text-in.ts';
import { splitText } from '../../../core/format/index.ts';
import { teamsToCanonical } from '../../../bots/teams/text-in.ts';

const CONVERTERS: Record<string, (text: string) => string> = {
  discordToCanonical: (t) => discordToCanonical(t),
  canonicalToDiscord,
  slackToCanonical: (t) => slackToCanonical(t),
  canonicalToSlack,
  teamsToCanonical: (t) => teamsToCanonical(t),
  canonicalToTeams,
};

const MALFORMED = [
  '```js\nnever closed',
  '**stray *stars_ and ~~',
  'lone < and > and & and <',
  '<@',
  '<a href="x',
  '<b><i>unclosed',
  '[label](',
  '> \n>>> \n> ',
  '`',
  '\\',
  '',
];

// Pieces that are special to at least one of the grammars, glued together at random.
const PIECES = ['*', '**', '_', '~', '~~', '`', '```', '```js\n', '<', '>', '&', '&gt;', '&lt;', '&amp;', '@', '#', '[', ']', '(', ')', '\\', '\n', '\n\n', ' ', 'a', 'word', ':', ':tada:', '|', '!', '> ', '>>> ', '- ', '1. ', '<@1>', '<#2>', '<@&3>', '<!here>', '<http://x.co|y>', '<p>', '</p>', '<b>', '</b>', '<at>', '</at>', '<br>', 'https://x.co/a_b', '@everyone', '@here', '@channel', '🎉', '\u200b'];

function randomText(seed: number, length: number): string {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[next() % PIECES.length];
  return text;
}

const SAMPLES = Array.from({ length: 150 }, (_, seed) => randomText(seed + 1, 5 + (seed % 60)));
const ALLOWED_TEAMS_TAGS = new Set(['b', 'i', 's', 'code', 'pre', 'a', 'br', 'ul', 'ol', 'li', 'blockquote', 'hr']);

describe('robustness', () => {
  it.each(Object.entries(CONVERTERS))('should return a string and never throw when %s gets malformed input', (_name, convert) => {
    for (const text of [...MALFORMED, ...SAMPLES]) expect(typeof convert(text)).toBe('string');
  });

  it.each(Object.entries(CONVERTERS))('should not throw when %s gets absurdly nested input', (_name, convert) => {
    for (const prefix of ['> '.repeat(20_000), '- '.repeat(5_000), '<b>'.repeat(20_000), '&gt;'.repeat(20_000), '*'.repeat(20_000)]) {
      expect(convert(`${prefix}deep words`)).toContain('words');
    }
  });

  it('should keep the words when a nesting is too deep to render', () => {
    expect(canonicalToSlack('> '.repeat(20_000) + 'deep words')).toContain('deep words');
    expect(teamsToCanonical('<b>'.repeat(20_000) + 'deep words')).toContain('deep words');
  });

  it('should never emit a Slack broadcast, mention or channel link when canonical text is random', () => {
    for (const text of SAMPLES) expect(canonicalToSlack(text)).not.toMatch(/<[!@#]/);
    // Code is kept verbatim, so the literal-word check runs on text without code.
    for (const text of SAMPLES.map((t) => t.replace(/`/g, ''))) expect(canonicalToSlack(text)).not.toMatch(/@(here|channel|everyone)/);
  });

  it('should never emit a Teams tag outside the allowed set when canonical text is random', () => {
    for (const text of SAMPLES) {
      const tags = [...canonicalToTeams(text).matchAll(/<\/?([a-z]+)/g)].map((m) => m[1] ?? '');
      for (const tag of tags) expect(ALLOWED_TEAMS_TAGS).toContain(tag);
    }
  });

  it('should never leave a Discord ping when canonical text without code is random', () => {
    for (const text of SAMPLES.map((t) => t.replace(/`/g, ''))) {
      const out = canonicalToDiscord(text);
      expect(out).not.toMatch(/@(everyone|here)/);
      expect(out).not.toMatch(/(^|[^\\])<(@[!&]?|#)\d+>/);
    }
  });

  it('should keep every part within the limit when random text is split', () => {
    for (const text of SAMPLES) {
      for (const limit of [16, 50]) for (const part of splitText(text, limit)) expect(part.length).toBeLessThanOrEqual(limit);
    }
  });
});
