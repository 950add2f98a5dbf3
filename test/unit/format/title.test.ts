import { describe, expect, it } from 'vitest';
import { clampTitle, questionBody, questionTitle } from '../../../core/format/index.ts';

describe('questionTitle', () => {
  it('should strip the markdown of the first line when the question is formatted', () => {
    expect(questionTitle('How do I reset my **password** with `heimo reset`?\nI tried twice.')).toBe('How do I reset my password with heimo reset?');
    expect(questionTitle('# Login _broken_ ~~again~~\n\nDetails')).toBe('Login broken again');
    expect(questionTitle('[Docs](https://example.com) say to restart')).toBe('Docs say to restart');
  });

  it('should skip blank lines and show the first code line when the question opens with code', () => {
    expect(questionTitle('\n\n  Why?  \n')).toBe('Why?');
    expect(questionTitle('```js\nconsole.log(1)\n```')).toBe('console.log(1)');
  });

  it('should cut to 80 characters ending in an ellipsis when the first line is longer', () => {
    const title = questionTitle(`${'word '.repeat(40)}\nsecond`);
    expect(title.length).toBe(80);
    expect(title.endsWith('…')).toBe(true);
    expect(questionTitle('a'.repeat(80))).toBe('a'.repeat(80));
  });

  it('should keep characters that are not markup when the title is plain text', () => {
    expect(questionTitle('Is snake_case_name a valid id? 2 * 3 = 6')).toBe('Is snake_case_name a valid id? 2 * 3 = 6');
  });

  it('should give an empty title when the question shows no text', () => {
    expect(questionTitle('   \n ')).toBe('');
  });
});

describe('clampTitle', () => {
  it('should put the title on one line and cut it to the limit when asked for Discord thread names', () => {
    expect(clampTitle('a\n b', 100)).toBe('a b');
    expect(clampTitle('x'.repeat(150), 100)).toHaveLength(100);
  });
});

describe('questionBody', () => {
  it('should leave out the first line when the title says it in full', () => {
    const text = 'How do I reset my **password**?\nI tried the `reset` link.';
    expect(questionBody(text, questionTitle(text))).toBe('I tried the `reset` link.');
    expect(questionBody('Only **one** line', questionTitle('Only **one** line'))).toBe('');
  });

  it('should keep the whole question when the title was cut, comes from elsewhere or the question opens with code', () => {
    const long = `${'word '.repeat(40)}\nsecond`;
    expect(questionBody(long, questionTitle(long))).toBe(long);
    expect(questionBody('After login I land on the login page.', 'SSO login loops')).toBe('After login I land on the login page.');
    expect(questionBody('```\ncode\n```', 'code')).toBe('```\ncode\n```');
  });
});
