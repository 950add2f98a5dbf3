import { describe, expect, it } from 'vitest';
import { FORGOTTEN_NAME, likePatterns, REMOVED_TEXT, scrubJson, scrubText, type ForgetTarget } from '../../../core/privacy/index.ts';

const TARGET: ForgetTarget = {
  platform: 'slack', userId: 'U0123ABCD', tombstone: 'forgotten-1',
  traces: { names: ['Ann', 'Ann Lee', 'Al'], texts: ['Invoice is wrong twice'] },
};

describe('scrubbing a forgotten person out of text', () => {
  it('should replace their names as whole words and leave words that only contain them', () => {
    expect(scrubText('Ann Lee assigned you a question', TARGET)).toBe(`${FORGOTTEN_NAME} assigned you a question`);
    expect(scrubText('Ann moved it; Annual report by Anne', TARGET)).toBe(`${FORGOTTEN_NAME} moved it; Annual report by Anne`);
  });

  it('should replace a short name only where a whole value is that name', () => {
    expect(scrubText('Al', TARGET)).toBe(FORGOTTEN_NAME);
    expect(scrubText('Also Al said', TARGET)).toBe('Also Al said');
  });

  it('should replace their id and the titles of their questions wherever they appear', () => {
    expect(scrubText('no user <@U0123ABCD> in slack:U0123ABCD', TARGET)).toBe('no user <@forgotten-1> in slack:forgotten-1');
    expect(scrubText('Resolution target missed: Invoice is wrong twice', TARGET)).toBe(`Resolution target missed: ${REMOVED_TEXT}`);
    expect(scrubText('U0123ABCDE is someone else', TARGET)).toBe('U0123ABCDE is someone else');
  });
});

describe('scrubbing a forgotten person out of JSON', () => {
  it('should give an actor, author or contributor naming them the tombstone and the neutral name', () => {
    const event = {
      type: 'question.resolved',
      acceptedBy: { kind: 'person', platform: 'slack', userId: 'U0123ABCD', displayName: 'Ann Lee' },
      solution: { messageId: 'm1', platform: 'slack', authorId: 'U0123ABCD' },
      contributors: [{ role: 'answerer', platform: 'discord', userId: 'U0123ABCD', displayName: 'Someone Else' }],
    };
    expect(scrubJson(event, TARGET)).toEqual({
      type: 'question.resolved',
      acceptedBy: { kind: 'person', platform: 'slack', userId: 'forgotten-1', displayName: FORGOTTEN_NAME },
      solution: { messageId: 'm1', platform: 'slack', authorId: 'forgotten-1' },
      // Another platform's account with the same id is someone else: only the bare id is replaced.
      contributors: [{ role: 'answerer', platform: 'discord', userId: 'forgotten-1', displayName: 'Someone Else' }],
    });
  });

  it("should keep the name of someone else who shares theirs when the object names that other person", () => {
    const contributors = [{ role: 'asker', platform: 'slack', userId: 'U0OTHER99', displayName: 'Ann' }, { role: 'editor', platform: 'slack', userId: 'U0123ABCD', displayName: 'Ann' }];
    expect(scrubJson(contributors, TARGET)).toEqual([
      { role: 'asker', platform: 'slack', userId: 'U0OTHER99', displayName: 'Ann' },
      { role: 'editor', platform: 'slack', userId: 'forgotten-1', displayName: FORGOTTEN_NAME },
    ]);
  });

  it('should replace values equal to their id and leave numbers and others untouched', () => {
    expect(scrubJson({ userId: 'U0123ABCD', title: 'Invoice is wrong twice', by: 'Ann', count: 2, other: 'U999' }, TARGET))
      .toEqual({ userId: 'forgotten-1', title: REMOVED_TEXT, by: FORGOTTEN_NAME, count: 2, other: 'U999' });
  });
});

describe('finding rows to scrub', () => {
  it('should search each needle as typed and as JSON spells it, with LIKE wildcards escaped', () => {
    const patterns = JSON.parse(likePatterns({ ...TARGET, traces: { names: ['50% "Off"'], texts: [] } })) as string[];
    expect(patterns).toEqual(['%U0123ABCD%', '%50\\% "Off"%', '%50\\% \\\\"Off\\\\"%']);
  });
});
