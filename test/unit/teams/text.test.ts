import { describe, expect, it } from 'vitest';
import { canonicalToTeams } from '../../../bots/teams/text-out.ts';
import { teamsToCanonical } from '../../../bots/teams/text-in.ts';

describe('teamsToCanonical', () => {
  it('should convert bold, italic, underline and strike tags when Teams formats text', () => {
    expect(teamsToCanonical('<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <s>x</s> <strike>y</strike></p>')).toBe(
      '**b** **s** *i* *e* __u__ ~~x~~ ~~y~~',
    );
  });

  it('should keep whitespace outside the markers when a tag starts or ends with a space', () => {
    expect(teamsToCanonical('<p>a<b> bold </b>b</p>')).toBe('a **bold** b');
  });

  it('should convert anchors to markdown links and keep a URL bare when it is its own label', () => {
    expect(teamsToCanonical('<p><a href="https://x.com/docs">docs</a> <a href="https://y.com">https://y.com</a></p>')).toBe(
      '[docs](https://x.com/docs) https://y.com',
    );
  });

  it('should render <at> mentions as readable names when Teams sends them', () => {
    expect(teamsToCanonical('<p><at id="0">Jane Doe</at> can you help?</p>')).toBe('@Jane Doe can you help?');
  });

  it('should decode entities and escape what would become markdown when text holds them', () => {
    expect(teamsToCanonical('<p>&lt;b&gt; &amp; 5 &gt; 3 *star*&nbsp;end</p>')).toBe('<b> & 5 > 3 \\*star\\* end');
  });

  it('should put paragraphs and <br> on separate lines and keep empty paragraphs as blank lines', () => {
    expect(teamsToCanonical('<p>one</p><p>two<br>three</p><p>&nbsp;</p><p>four</p>')).toBe('one\ntwo\nthree\n\nfour');
  });

  it('should collapse source whitespace when the HTML is indented', () => {
    expect(teamsToCanonical('<div>\n  <p>  hello\n   world </p>\n</div>')).toBe('hello world');
  });

  it('should make fenced code with the language when <pre><code> holds a code block', () => {
    expect(teamsToCanonical('<pre><code class="language-ts">const a = 1 &lt; 2;\n  *x*\n</code></pre>')).toBe(
      '```ts\nconst a = 1 < 2;\n  *x*\n```',
    );
  });

  it('should keep inline code verbatim when <code> stands alone', () => {
    expect(teamsToCanonical('<p>run <code>a *b* &lt;c&gt;</code></p>')).toBe('run `a *b* <c>`');
  });

  it('should convert lists and quotes and end them before the next line', () => {
    expect(teamsToCanonical('<ul><li>a</li><li>b</li></ul><ol start="3"><li>c</li></ol><blockquote>q</blockquote><p>after</p>')).toBe(
      '- a\n- b\n\n3. c\n\n> q\n\nafter',
    );
  });

  it('should keep the alt text when Teams sends an emoji as an element', () => {
    expect(teamsToCanonical('<p>hi <emoji id="smile" alt="😄" title="Smile"></emoji> <img itemtype="http://schema.skype.com/Emoji" alt="🎉"></p>')).toBe('hi 😄 🎉');
  });

  it('should not carry scripts or attachments into the text when they are present', () => {
    expect(teamsToCanonical('<p>x<script>alert(1)</script><attachment id="1"></attachment></p>')).toBe('x');
  });
});

describe('canonicalToTeams', () => {
  it('should render inline markup as HTML tags when markdown is used', () => {
    expect(canonicalToTeams('**b** *i* ~~s~~ `c` [l](https://x.com)')).toBe(
      '<b>b</b> <i>i</i> <s>s</s> <code>c</code> <a href="https://x.com">l</a>',
    );
  });

  it('should escape every character that could form a tag or mention when customer text holds HTML', () => {
    expect(canonicalToTeams('<at>Boss</at> & "q" \'a\'')).toBe('&lt;at&gt;Boss&lt;/at&gt; &amp; &quot;q&quot; &#39;a&#39;');
  });

  it('should put code blocks in <pre><code> with escaped content when a fence is used', () => {
    expect(canonicalToTeams('```html\n<b>&</b>\n```')).toBe('<pre><code>&lt;b&gt;&amp;&lt;/b&gt;</code></pre>');
  });

  it('should turn line breaks into <br> and keep blank lines when paragraphs are separated', () => {
    expect(canonicalToTeams('a\nb\n\nc')).toBe('a<br>b<br><br>c');
  });

  it('should render lists, quotes and headings when they are used', () => {
    expect(canonicalToTeams('# T\n- x\n- y\n\n> q')).toBe('<b>T</b><ul><li>x</li><li>y</li></ul><br><blockquote>q</blockquote>');
  });

  it('should not make an anchor when the link is not a web or mail link', () => {
    expect(canonicalToTeams('[click](javascript:alert(1))')).toBe('click');
  });

  it('should escape quotes inside an href when a URL holds them', () => {
    expect(canonicalToTeams('[x](<https://x.com/"onclick=1>)')).toBe('<a href="https://x.com/&quot;onclick=1">x</a>');
  });
});
