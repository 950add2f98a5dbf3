import { describe, expect, it } from 'vitest';
import { canonicalToSlack } from '../../../bots/slack/text-out.ts';
import { slackToCanonical } from '../../../bots/slack/text-in.ts';
import type { MentionResolver } from '../../../core/format/index.ts';

const resolver: MentionResolver = { user: (id) => ({ U1: 'Alice' })[id], role: (id) => ({ S2: 'oncall' })[id] };

describe('slackToCanonical', () => {
  it('should convert bold, italic and strike when Slack markers are used', () => {
    expect(slackToCanonical('*bold* _it_ ~s~')).toBe('**bold** *it* ~~s~~');
  });

  it('should nest italic inside bold when both are used', () => {
    expect(slackToCanonical('*bold _it_*')).toBe('**bold *it***');
  });

  it('should turn labelled links into markdown links and bare links into URLs', () => {
    expect(slackToCanonical('<http://x.com|label> and <http://x.com>')).toBe('[label](http://x.com) and http://x.com');
  });

  it('should keep a link whose label is the URL itself as a bare URL', () => {
    expect(slackToCanonical('<https://x.com/a?b=1&amp;c=2|https://x.com/a?b=1&amp;c=2>')).toBe('https://x.com/a?b=1&c=2');
  });

  it('should show a mailto link as the address when Slack labels it with the address', () => {
    expect(slackToCanonical('<mailto:a@b.com|a@b.com>')).toBe('a@b.com');
  });

  it('should resolve user mentions when the resolver knows the id and fall back otherwise', () => {
    expect(slackToCanonical('<@U1> <@U9>', resolver)).toBe('@Alice @unknown-user');
  });

  it('should use the channel label when Slack sends one', () => {
    expect(slackToCanonical('in <#C1|general>')).toBe('in #general');
  });

  it('should turn broadcasts into plain text when <!here>, <!channel> or <!everyone> arrive', () => {
    expect(slackToCanonical('<!here> <!channel> <!everyone>')).toBe('@here @channel @everyone');
  });

  it('should render a user group by its handle when a subteam mention arrives', () => {
    expect(slackToCanonical('<!subteam^S1|@team>')).toBe('@team');
    expect(slackToCanonical('<!subteam^S2>', resolver)).toBe('@oncall');
  });

  it('should use the fallback text of a date command when one is sent', () => {
    expect(slackToCanonical('<!date^1392734382^{date}|Feb 18, 2014>')).toBe('Feb 18, 2014');
  });

  it('should decode Slack entities and escape what would become markdown', () => {
    expect(slackToCanonical('a &lt;b&gt; &amp; c &lt;http://x.com&gt;')).toBe('a <b> & c \\<http://x.com>');
  });

  it('should expand known shortcodes and keep unknown ones when emoji names arrive', () => {
    expect(slackToCanonical(':tada: :+1: :not_an_emoji_name:')).toBe('🎉 👍 :not_an_emoji_name:');
  });

  it('should apply the skin tone when a shortcode carries one', () => {
    expect(slackToCanonical(':wave::skin-tone-3:')).toBe('👋🏼');
  });

  it('should keep code verbatim except for entity decoding when code spans and blocks hold shortcodes', () => {
    expect(slackToCanonical('`a &lt; :tada: *b*`')).toBe('`a < :tada: *b*`');
    expect(slackToCanonical('```if (a &amp;&amp; b) :tada:\n  *x*```')).toBe('```\nif (a && b) :tada:\n  *x*\n```');
  });

  it('should put a code block on its own lines when Slack places it inside a line', () => {
    expect(slackToCanonical('see ```code``` ok')).toBe('see \n```\ncode\n```\n ok');
  });

  it('should turn quote lines into markdown quotes and end them before normal text', () => {
    expect(slackToCanonical('&gt; quoted\n&gt; more\nreply')).toBe('> quoted\n> more\n\nreply');
  });

  it('should quote the rest of the message when &gt;&gt;&gt; is used', () => {
    expect(slackToCanonical('&gt;&gt;&gt; one\ntwo')).toBe('> one\n> two');
  });

  it('should make markdown list items when Slack bullets are used', () => {
    expect(slackToCanonical('• one\n• two\n    ◦ sub')).toBe('- one\n- two\n    - sub');
  });

  it('should escape literal markdown characters when the Slack text holds them', () => {
    expect(slackToCanonical('2*3 = 6, # not a heading, [x](y), _x_y')).toBe('2\\*3 = 6, # not a heading, [x\\](y), \\_x_y');
    expect(slackToCanonical('# not a heading')).toBe('\\# not a heading');
  });
});

describe('canonicalToSlack', () => {
  it('should convert bold, italic and strike when markdown markers are used', () => {
    expect(canonicalToSlack('**b** *i* _i_ ~~s~~')).toBe('*b* _i_ _i_ ~s~');
  });

  it('should convert links to Slack link syntax when labelled or bare', () => {
    expect(canonicalToSlack('[docs](https://x.com/a?b=1&c=2) https://y.com')).toBe('<https://x.com/a?b=1&amp;c=2|docs> <https://y.com>');
  });

  it('should make headings bold and lists bulleted or numbered', () => {
    expect(canonicalToSlack('# Title\n- one\n- two\n  - nested\n\n3. c\n4. d')).toBe('*Title*\n• one\n• two\n    ◦ nested\n\n3. c\n4. d');
  });

  it('should prefix quote lines with > when blockquotes are used', () => {
    expect(canonicalToSlack('> a\n> b\n\nafter')).toBe('> a\n> b\n\nafter');
  });

  it('should drop the language tag and escape entities when a code fence is converted', () => {
    expect(canonicalToSlack('```js\nif (a < b && c) {}\n```')).toBe('```\nif (a &lt; b &amp;&amp; c) {}\n```');
  });

  it('should keep inline code when it is used', () => {
    expect(canonicalToSlack('run `npm test` now')).toBe('run `npm test` now');
  });

  it('should escape &, < and > so typed mention syntax notifies nobody', () => {
    expect(canonicalToSlack('<!channel> <!here> <@U123> a & b')).toBe('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; a &amp; b');
  });

  it('should defuse literal @here, @channel and @everyone when a customer types them', () => {
    expect(canonicalToSlack('@here @channel @everyone')).toBe('@\u200bhere @\u200bchannel @\u200beveryone');
  });

  it('should guard escaped markers with a zero-width space so literal stars stay literal', () => {
    expect(canonicalToSlack('\\*not bold\\* and snake_case and 2 * 3')).toBe('\u200b*not bold* and snake_case and 2 * 3');
  });

  it('should not double a marker when strong text sits in a heading', () => {
    expect(canonicalToSlack('## a **b** c')).toBe('*a b c*');
  });

  it('should keep the blank lines between paragraphs when the author used them', () => {
    expect(canonicalToSlack('one\n\n\ntwo\nthree')).toBe('one\n\n\ntwo\nthree');
  });
});

describe('canonicalToSlack link safety', () => {
  it('should not emit Slack link syntax when a link target has no scheme', () => {
    expect(canonicalToSlack('[boss](!channel) [me](@U1) [docs](/help)')).toBe('boss (!channel) me (@U1) docs (/help)');
  });
});
