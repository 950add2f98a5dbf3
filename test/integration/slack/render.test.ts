import { describe, expect, it } from 'vitest';
import { renderCard, truncateMrkdwn } from '../../../bots/slack/render.ts';
import { cardView } from './harness.ts';

const texts = (blocks: unknown): string[] => JSON.stringify(blocks).match(/"text":"(?:[^"\\]|\\.)*"/g) ?? [];

describe('renderCard', () => {
  it('should keep the question within a section\'s 3,000 characters when it is very long', () => {
    const card = renderCard(cardView({ text: 'word '.repeat(2_000) }));
    const section = card.blocks.find((block) => block.type === 'section');
    const text = section?.type === 'section' ? section.text?.text ?? '' : '';
    expect(text.length).toBeLessThanOrEqual(3_000);
    expect(text.endsWith('…')).toBe(true);
  });

  it('should cut the header to 150 characters when the title is longer', () => {
    const header = renderCard(cardView({ title: 't'.repeat(400) })).blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
  });

  it('should escape an asker name when it contains Slack markup', () => {
    const card = renderCard(cardView({ asker: { displayName: '<!channel> Eve' }, communityName: 'A&B' }));
    expect(texts(card.blocks).join(' ')).not.toContain('<!channel>');
    expect(JSON.stringify(card.blocks)).toContain('&lt;!channel&gt; Eve');
    expect(card.text).toContain('A&amp;B');
  });

  it('should leave the button out when the Discord URL is not a web URL', () => {
    const card = renderCard(cardView({ customerThreadUrl: '' }));
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('should show each status with its emoji when the conversation moves on', () => {
    expect(renderCard(cardView({ status: 'answered' })).text).toContain(':speech_balloon: Answered');
    expect(renderCard(cardView({ status: 'resolved' })).text).toContain(':white_check_mark: Resolved');
  });
});

describe('truncateMrkdwn', () => {
  it('should not cut inside an entity or a link when truncating', () => {
    expect(truncateMrkdwn(`${'a'.repeat(8)}&amp;b`, 11)).toBe(`${'a'.repeat(8)}…`);
    expect(truncateMrkdwn(`${'a'.repeat(5)}<https://x.example|x> tail`, 12)).toBe(`${'a'.repeat(5)}…`);
  });
});
