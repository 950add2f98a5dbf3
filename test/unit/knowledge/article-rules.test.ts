import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasCode } from '../../../core/errors.ts';
import { changedFields, mergeCapture, nextState, renderParts, scrubContent, stripContent, withoutTexts } from '../../../core/knowledge/article-rules.ts';
import type { ArticleContent, ArticleState } from '../../../core/knowledge/index.ts';

const content = (overrides: Partial<ArticleContent> = {}): ArticleContent => ({
  title: 'Export fails', question: 'Export fails with images.', answer: 'Turn off compression.', context: '', tags: [], product: null, version: null, visibility: 'public', ...overrides,
});

const thrown = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('article review states', () => {
  const STATES: ArticleState[] = ['draft', 'published', 'rejected', 'retired'];

  it('should allow exactly the documented transitions when each action meets each state', () => {
    const table = STATES.map((from) => [from, ...(['publish', 'reject', 'retire', 'verify', 'edit'] as const).map((action) => {
      const error = thrown(() => nextState(from, action, 'a1'));
      return error === undefined ? nextState(from, action, 'a1') : hasCode(error, 'CONFLICT') ? 'CONFLICT' : 'other error';
    })].join(' '));
    expect(table).toEqual([
      'draft published rejected CONFLICT CONFLICT draft',
      'published CONFLICT CONFLICT retired published published',
      'rejected published CONFLICT CONFLICT CONFLICT draft',
      'retired published CONFLICT CONFLICT CONFLICT draft',
    ]);
  });
});

describe('article content arithmetic', () => {
  it('should join the parts of each role with a blank line when parts are rendered', () => {
    const rendered = renderParts([
      { role: 'question', text: ' First. ' }, { role: 'answer', text: 'Do this.' }, { role: 'question', text: 'More detail.' }, { role: 'context', text: '' },
    ]);
    expect(rendered).toEqual({ question: 'First.\n\nMore detail.', answer: 'Do this.', context: '' });
  });

  it('should name only the fields that differ when two contents are compared', () => {
    expect(changedFields(content(), content({ tags: ['a'], answer: 'Other.' }))).toEqual(['answer', 'tags']);
    expect(changedFields(content(), content())).toEqual([]);
  });

  it('should keep edited fields and take the rest when a capture is merged', () => {
    const merged = mergeCapture(content({ title: 'Mine' }), content({ title: 'Captured', answer: 'New.' }), ['title']);
    expect(merged).toMatchObject({ title: 'Mine', answer: 'New.' });
  });

  it('should remove texts without leaving runs of blank lines when texts are taken out', () => {
    expect(withoutTexts('A.\n\nB.\n\nC.', ['B.'])).toBe('A.\n\nC.');
    expect(withoutTexts('unchanged', ['absent'])).toBe('unchanged');
  });

  it('should never leave a removed text in a field when any texts are taken out', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.nat(4), (texts, pick) => {
      const removed = texts[pick % texts.length]!.trim();
      fc.pre(removed.length > 0);
      const field = texts.join('\n\n');
      expect(withoutTexts(field, [removed]).includes(removed)).toBe(false);
    }));
  });

  it('should re-render captured roles from the remaining parts and retitle when the question part goes', () => {
    const parts = [{ role: 'question' as const, text: 'Export fails with images.' }, { role: 'answer' as const, text: 'Turn off compression.' }, { role: 'answer' as const, text: 'Or update.' }];
    const stripped = stripContent(content({ title: 'Export fails', answer: 'Turn off compression.\n\nOr update.' }), [], parts, [parts[0]!]);
    expect(stripped).toMatchObject({ question: '', answer: 'Turn off compression.\n\nOr update.', title: 'Turn off compression.' });
  });

  it('should cut the removed words out instead of re-rendering when the field was edited by hand', () => {
    const parts = [{ role: 'answer' as const, text: 'Turn off compression.' }];
    const stripped = stripContent(content({ answer: 'Turn off compression. (Checked by support.)' }), ['answer'], parts, parts);
    expect(stripped.answer).toBe('(Checked by support.)');
    expect(scrubContent(content(), ['Turn off compression.']).answer).toBe('');
  });
});
