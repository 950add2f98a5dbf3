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
});
