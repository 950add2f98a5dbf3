import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../bots/app/kb-web/article-page.ts';
import { escapeHtml, html, jsonLd, trusted } from '../../../bots/app/kb-web/html.ts';
import { markdownHtml } from '../../../bots/app/kb-web/markdown-html.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { PublishedArticle } from '../../../core/knowledge/index.ts';

const HOSTILE = '<script>alert("x")</script>';

const article = (overrides: Partial<PublishedArticle> = {}): PublishedArticle => ({
  id: 'a-1',
  communityId: 'acme',
  sourceId: null,
  title: `Reset ${HOSTILE} password`,
  question: `How do I reset it? ${HOSTILE}`,
  answer: 'Open **Settings** and see [the guide](https://docs.example/reset?a=1&b=2).',
  context: '',
  tags: ['login', '<b>bold</b>'],
  product: 'App',
  version: '2.1',
  language: 'en',
  visibility: 'public',
  contributors: [
    { role: 'asker', name: null, staff: false },
    { role: 'answerer', name: `Alice ${HOSTILE}`, staff: true },
  ],
  sources: [
    { platform: 'discord', url: 'https://discord.com/channels/1/2/3' },
    { platform: 'slack', url: 'https://acme.slack.com/archives/C1/p1' },
  ],
  lastVerifiedAt: new Date('2026-11-02T10:00:00Z'),
  publishedAt: new Date('2026-11-01T10:00:00Z'),
  updatedAt: new Date('2026-11-03T10:00:00Z'),
  ...overrides,
});

const jsonLdOf = (page: string): Record<string, any> => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? 'null');

describe('html escaping', () => {
  it('should escape interpolated text and keep nested markup when a template is built', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"q"'}">${inner}${['&', 1, null, false]}</p>`.value).toBe('<p title="&quot;q&quot;"><b>&lt;i&gt;</b>&amp;1</p>');
    expect(escapeHtml(`'`)).toBe('&#39;');
    expect(trusted('<br>').value).toBe('<br>');
  });

  it('should never let a JSON-LD string end its script block when it holds </script>', () => {
    const block = jsonLd({ text: '</script><script>alert(1)</script> <!-- & \u2028' }).value;
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(/>(.*)<\/script>$/s.exec(block)?.[1] ?? '')).toEqual({ text: '</script><script>alert(1)</script> <!-- & \u2028' });
  });
});

describe('article markdown as HTML', () => {
  it('should show HTML in an article as text when it is rendered', () => {
    expect(markdownHtml(HOSTILE).value).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('should keep web links and drop javascript links when an answer links somewhere', () => {
    const out = markdownHtml('[ok](https://a.example/?x=1&y=2) [bad](javascript:alert(1)) `<code>`').value;
    expect(out).toContain('<a href="https://a.example/?x=1&amp;y=2" rel="nofollow ugc noopener">ok</a>');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('<code>&lt;code&gt;</code>');
  });

  it('should render code blocks, lists and emphasis when the answer uses them', () => {
    const out = markdownHtml('Steps:\n\n1. **Open** it\n2. _Save_\n\n```\nrm -rf </tmp>\n```').value;
    expect(out).toContain('<ol><li><strong>Open</strong> it</li><li><em>Save</em></li></ol>');
    expect(out).toContain('<pre><code>rm -rf &lt;/tmp&gt;</code></pre>');
  });
});

describe('the article page', () => {
  const page = renderArticlePage(translator('en'), 'https://help.example.com', article(), 'Acme');

  it('should escape every field when the article holds a script tag', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('Reset &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; password');
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('should carry QAPage JSON-LD with the accepted answer, canonical link and OpenGraph when rendered', () => {
    const ld = jsonLdOf(page);
    expect(ld['@type']).toBe('QAPage');
    expect(ld['mainEntity']).toMatchObject({ '@type': 'Question', name: `Reset ${HOSTILE} password`, answerCount: 1, dateCreated: '2026-11-01T10:00:00.000Z' });
    expect(ld['mainEntity']['acceptedAnswer']).toMatchObject({ '@type': 'Answer', text: 'Open Settings and see the guide.', author: { '@type': 'Person', name: `Alice ${HOSTILE}` }, url: 'https://help.example.com/kb/articles/a-1#answer' });
    // The asker did not consent to being named: no author on the question.
    expect(ld['mainEntity']['author']).toBeUndefined();
    expect(page).toContain('<link rel="canonical" href="https://help.example.com/kb/articles/a-1">');
    expect(page).toContain('<meta property="og:url" content="https://help.example.com/kb/articles/a-1">');
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('should show contributors as consent allows and only the customer-side source when rendered', () => {
    expect(page).toContain('A community member');
    expect(page).toContain('Alice &lt;script&gt;');
    expect(page).toContain('href="https://discord.com/channels/1/2/3"');
    expect(page).not.toContain('slack.com');
    expect(page).toContain('Last verified November 2, 2026');
    expect(page).toContain('App version 2.1');
  });

  it('should speak the reader\'s language when the translator is Finnish', () => {
    const fi = renderArticlePage(translator('fi'), 'https://help.example.com', article(), 'Acme');
    expect(fi).toContain('<html lang="fi">');
    expect(fi).toContain('Hyväksytty vastaus');
  });
});
