import { describe, expect, it } from 'vitest';
import { renderCard, renderRelayParts, truncateMrkdwn } from '../../../bots/slack/render.ts';
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

  it('should cut the header to 80 characters with an ellipsis when the title is longer', () => {
    const header = renderCard(cardView({ title: 't'.repeat(400) })).blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(`${'t'.repeat(79)}…`);
  });

  it('should show the question once, its formatting as mrkdwn and a plain header when the first line is the title', () => {
    const text = 'How do I reset my **password** with `heimo`?\nThe *reset* link says **expired**.';
    const card = renderCard(cardView({ title: 'How do I reset my password with heimo?', text }));

    const header = card.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe('How do I reset my password with heimo?');
    const sections = card.blocks.filter((block) => block.type === 'section');
    expect(sections).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'The _reset_ link says *expired*.' } }]);
    expect(JSON.stringify(card.blocks)).not.toContain('**');
    expect(JSON.stringify(card.blocks).match(/reset my password/g)).toHaveLength(1);
  });

  it('should leave the section out when the question is one line the header already shows', () => {
    const card = renderCard(cardView({ title: 'Is SSO supported?', text: 'Is **SSO** supported?' }));
    expect(card.blocks.map((block) => block.type)).toEqual(['header', 'context', 'context', 'actions']);
  });

  it('should show the whole question under a forum post title when the title is the post name', () => {
    const card = renderCard(cardView({ title: 'SSO login loops', text: 'After SAML login I land on the login page again.' }));
    expect(card.blocks.find((block) => block.type === 'section')).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'After SAML login I land on the login page again.' } });
  });

  it('should show the status once when the card is rendered', () => {
    const card = renderCard(cardView({ status: 'answered' }));
    expect(JSON.stringify(card.blocks).match(/Answered/g)).toHaveLength(1);
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

describe('renderRelayParts', () => {
  const message = { author: { displayName: 'Dana' }, text: 'See attached', internal: false, idempotencyKey: 'k', isRetry: false };

  it('should name every file on its own line when the message carries files Slack is not sent', () => {
    const parts = renderRelayParts({
      ...message,
      files: [{ name: 'a.png', data: new Uint8Array([1]) }],
      unfetched: [{ name: '<b>&report.pdf', url: 'https://cdn.discord.example/r.pdf', size: 30_000_000 }],
    });
    expect(parts).toEqual(['See attached\n:paperclip: a.png (not carried over)\n:paperclip: &lt;b&gt;&amp;report.pdf (not carried over)']);
  });

  it('should post only the file names when the message has no text', () => {
    expect(renderRelayParts({ ...message, text: '', unfetched: [{ name: 'log.txt', url: 'https://x.example/log.txt' }] })).toEqual([':paperclip: log.txt (not carried over)']);
  });
});
