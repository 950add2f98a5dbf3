import { describe, expect, it } from 'vitest';
import { canonicalToCardMarkdown } from '../../../bots/teams/card-text.ts';

describe('canonicalToCardMarkdown', () => {
  it('should render bold, italic, links and lists as Adaptive Cards markdown when the question is formatted', () => {
    expect(canonicalToCardMarkdown('A **bold** and *soft* [link](https://example.com)')).toBe('A **bold** and _soft_ [link](https://example.com)');
    expect(canonicalToCardMarkdown('Steps:\n\n- one\n- two')).toBe('Steps:\n\n- one\n- two');
  });

  it('should drop markers a card cannot show and keep literal markers inert when text has them', () => {
    expect(canonicalToCardMarkdown('Run `npm ci` ~~now~~')).toBe('Run npm ci now');
    expect(canonicalToCardMarkdown('2 \\* 3 and a\\_b')).toBe('2 \u200b* 3 and a\u200b_b');
  });
});
