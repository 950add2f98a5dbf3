import { describe, expect, it } from 'vitest';
import { createCommandRegistry, parseCommandText } from '../../../core/commands/index.ts';

const registry = createCommandRegistry();
const parse = (text: string) => parseCommandText(text, registry);

describe('command text', () => {
  it('should fill options in order and take a link as the question when words are typed', () => {
    expect(parse('move billing https://acme.slack.com/archives/C1/p17')).toEqual({ command: 'move', args: { team: 'billing', question: 'https://acme.slack.com/archives/C1/p17' } });
    expect(parse('assign U123')).toEqual({ command: 'assign', args: { user: 'U123' } });
  });

  it('should give the rest of the words to the last text option when a reason is typed', () => {
    expect(parse('close duplicate of #12 https://heimo.example/q/conv-1')).toEqual({ command: 'close', args: { reason: 'duplicate of #12', question: 'https://heimo.example/q/conv-1' } });
    expect(parse('close "not a bug"')).toEqual({ command: 'close', args: { reason: 'not a bug' } });
  });

  it('should set options by name when name=value is typed', () => {
    expect(parse('onduty on=no')).toEqual({ command: 'onduty', args: { on: 'no' } });
    expect(parse('claim question=conv-1')).toEqual({ command: 'claim', args: { question: 'conv-1' } });
    expect(parse('deliveries retry id=abc')).toEqual({ command: 'deliveries', args: { action: 'retry', id: 'abc' } });
  });

  it('should take a leftover word as the question id when the command has no other option for it', () => {
    expect(parse('claim conv-1')).toEqual({ command: 'claim', args: { question: 'conv-1' } });
  });

  it('should be help when nothing is typed, and keep an unknown name for the runner to refuse', () => {
    expect(parse('  ')).toEqual({ command: 'help', args: {} });
    expect(parse('Frobnicate now')).toEqual({ command: 'frobnicate', args: {} });
  });

  it("should read a group's command from the first two words, in any case, and give it the rest", () => {
    expect(parse('kb search reset my password')).toEqual({ command: 'kb search', args: { text: 'reset my password' } });
    expect(parse('KB Search  SSO login')).toEqual({ command: 'kb search', args: { text: 'SSO login' } });
    expect(parse('kb reject 5f1c not accurate any more')).toEqual({ command: 'kb reject', args: { article: '5f1c', reason: 'not accurate any more' } });
    expect(parse('kb rollback 5f1c 3')).toEqual({ command: 'kb rollback', args: { article: '5f1c', revision: '3' } });
  });

  it('should take name="some words" and quoted phrases whole when an article is typed', () => {
    expect(parse('kb add title="Reset a password" question=“How do I reset it?” answer="Use the link.\nThen log in." tags=login')).toEqual({
      command: 'kb add', args: { title: 'Reset a password', question: 'How do I reset it?', answer: 'Use the link.\nThen log in.', tags: 'login' },
    });
    expect(parse('kb add "Reset a password" "How?" "Use the link"')).toEqual({ command: 'kb add', args: { title: 'Reset a password', question: 'How?', answer: 'Use the link' } });
    expect(parse('kb edit https://heimo.example/kb/articles/5f1c "title=New title"')).toEqual({ command: 'kb edit', args: { article: 'https://heimo.example/kb/articles/5f1c', title: 'New title' } });
  });

  it('should not read a link or a leftover word as a question on a command about no question', () => {
    // `kb add` has a `question` of its own: text, never a link to a question.
    expect(parse('kb add "T" "Q" https://docs.example/a')).toEqual({ command: 'kb add', args: { title: 'T', question: 'Q', answer: 'https://docs.example/a' } });
    expect(parse('kb stale extra words')).toEqual({ command: 'kb stale', args: {} });
  });

  it('should keep the group alone, or an unknown command of it, for the runner to explain', () => {
    expect(parse('kb')).toEqual({ command: 'kb', args: {} });
    expect(parse('kb frobnicate now')).toEqual({ command: 'kb frobnicate', args: {} });
  });
});

