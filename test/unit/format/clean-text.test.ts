import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanStrings, cleanText, hasVisibleContent, readableStart } from '../../../core/format/clean-text.ts';
import { discordToCanonical } from '../../../bots/discord/text-in.ts';
import { slackToCanonical } from '../../../bots/slack/text-in.ts';
import { teamsToCanonical } from '../../../bots/teams/text-in.ts';
import { isInternalNote } from '../../../core/domain/network.ts';

describe('clean text', () => {
  it('should drop NUL and lone surrogates and keep paired ones when text holds them', () => {
    expect(cleanText('a\u0000b\uD800c\uDC00d😀')).toBe('abcd😀');
  });

  it('should leave no NUL and no lone surrogate whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const clean = cleanText(text);
        expect(clean).not.toContain('\u0000');
        expect(clean).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(Buffer.from(clean, 'utf8').toString('utf8')).toBe(clean);
      }),
    );
  });

  it('should clean strings nested in objects and arrays when given an event', () => {
    expect(cleanStrings({ a: 'x\u0000', b: ['\u0000y'], c: { d: 1, e: null } })).toEqual({ a: 'x', b: ['y'], c: { d: 1, e: null } });
  });

  it('should read the start as a person does when invisible characters or full-width letters lead', () => {
    expect(readableStart('\u200B\u200D\u200F\u2060\uFEFF  note: x')).toBe('note: x');
    expect(readableStart('\uFF4E\uFF4F\uFF54\uFF45:')).toBe('note:');
  });

  it('should treat a note as internal when invisible characters come before the marker', () => {
    for (const hidden of ['\u200B', '\u200D', '\u200F', '\u2060', '\uFEFF', '\u00A0', '\t\u200B']) {
      expect(isInternalNote(`${hidden}note: secret`, ['//', 'note:'])).toBe(true);
      expect(isInternalNote(`${hidden}// secret`, ['//', 'note:'])).toBe(true);
    }
    expect(isInternalNote('a note: public', ['//', 'note:'])).toBe(false);
  });

  it('should see no visible content when text is only whitespace or format characters', () => {
    expect(hasVisibleContent(' \n\t\u00A0\u200B\uFEFF\u2060')).toBe(false);
    expect(hasVisibleContent(' . ')).toBe(true);
    expect(hasVisibleContent('👍')).toBe(true);
  });

  it('should convert megabytes of hostile markup within seconds when a platform sends them', () => {
    const bold = '<b>a</b> *b* <@U1> '.repeat(100_000);
    const nested = `${'<div>'.repeat(90_000)}deep words${'</div>'.repeat(90_000)}`;
    for (const input of [bold, nested]) {
      for (const convert of [slackToCanonical, teamsToCanonical, discordToCanonical]) {
        const started = Date.now();
        const out = convert(input, {});
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(out).toMatch(/a|deep words/);
      }
    }
  });
});
