import { describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import { splitText } from '../../../core/format/index.ts';

function checkLimit(parts: string[], limit: number): void {
  for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
}

describe('splitText', () => {
  it('should return one empty part when the text is empty', () => {
    expect(splitText('', 10)).toEqual(['']);
  });

  it('should return the text whole when it fits the limit', () => {
    expect(splitText('short', 5)).toEqual(['short']);
  });

  it('should split at a paragraph break when one lies in the second half of the window', () => {
    const parts = splitText('first line\nsecond\n\nthird para', 22);
    expect(parts).toEqual(['first line\nsecond\n\n', 'third para']);
  });

  it('should split at a line break and then a space when there is no paragraph break', () => {
    expect(splitText('aaaa bbbb\ncccc dddd', 12)).toEqual(['aaaa bbbb\n', 'cccc dddd']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb ', 'cccc']);
  });

  it('should cut hard when a word is longer than the limit', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('should not cut a surrogate pair in two when an emoji sits on the limit', () => {
    const parts = splitText('abc🎉def', 4);
    expect(parts).toEqual(['abc', '🎉de', 'f']);
  });

  it('should keep every character in order when text without code is split', () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}${i % 17 === 0 ? '\n\n' : i % 5 === 0 ? '\n' : ' '}`);
    const text = words.join('');
    for (const limit of [7, 20, 64, 333]) {
      const parts = splitText(text, limit);
      checkLimit(parts, limit);
      expect(parts.join('')).toBe(text);
    }
  });

  it('should close and reopen a code fence with its language when a block is split', () => {
    const text = 'intro\n\n```ts\nline1\nline2\nline3\nline4\n```\nend';
    const parts = splitText(text, 26);
    checkLimit(parts, 26);
    expect(parts).toEqual(['intro\n\n```ts\nline1\n```', '```ts\nline2\nline3\n```', '```ts\nline4\n```\nend']);
  });

  it('should lose nothing but the added fence markers when a long code block is split', () => {
    const body = Array.from({ length: 40 }, (_, i) => `console.log(${i});`).join('\n');
    const text = `before\n\`\`\`js\n${body}\n\`\`\`\nafter`;
    const parts = splitText(text, 120);
    checkLimit(parts, 120);
    const inner = parts.map((part, i) => {
      let s = part;
      if (i > 0 && s.startsWith('```js\n') && !parts[i - 1]?.endsWith('```\nafter')) s = s.slice('```js\n'.length);
      if (i < parts.length - 1 && s.endsWith('```')) s = s.slice(0, -3);
      return s;
    });
    expect(inner.join('')).toBe(text);
    for (const part of parts.slice(1, -1)) expect(part.startsWith('```js\n') && part.endsWith('```')).toBe(true);
  });

  it('should reopen an unterminated fence and leave the last part open when the source never closes it', () => {
    expect(splitText('```\naaa\nbbb\nccc', 12)).toEqual(['```\naaa\n```', '```\nbbb\nccc']);
    expect(splitText('```\naaa\nbbb\nccc\nddd', 12)).toEqual(['```\naaa\n```', '```\nbbb\n```', '```\nccc\nddd']);
  });

  it('should use a longer fence when the block was opened with four backticks', () => {
    const parts = splitText('````md\n```\ninner\n```\n````', 20);
    checkLimit(parts, 20);
    expect(parts[0]?.endsWith('````')).toBe(true);
    expect(parts[1]?.startsWith('````md\n')).toBe(true);
  });

  it('should split a fence like plain text when the limit is too small for the markers', () => {
    const text = '```\nabcdef\n```';
    const parts = splitText(text, 4);
    checkLimit(parts, 4);
    expect(parts.join('')).toBe(text);
  });

  it('should throw BAD_INPUT when the limit is not a positive integer', () => {
    expect(() => splitText('x', 0)).toThrowError(HeimoError);
    expect(() => splitText('x', 1.5)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
