import { describe, expect, it } from 'vitest';
import { canonicalToDiscord } from '../../../bots/discord/text-out.ts';
import { canonicalToSlack } from '../../../bots/slack/text-out.ts';
import { canonicalToTeams } from '../../../bots/teams/text-out.ts';
import { discordToCanonical } from '../../../bots/discord/text-in.ts';
import { slackToCanonical } from '../../../bots/slack/text-in.ts';
import { teamsToCanonical } from '../../../bots/teams/text-in.ts';
import type { MentionResolver } from '../../../core/format/index.ts';

const resolver: MentionResolver = { user: (id) => ({ '123': 'Alice', U1: 'Alice' })[id], channel: (id) => ({ '9': 'general' })[id] };

// Texts people actually send: formatting, links, code, quotes, lists, mentions, emoji, and
// characters that are special somewhere (&, <, >, *, _).
const DISCORD_TEXTS = [
  'Hi <@123>, **thanks**! Can you check *this* and ~~that~~?',
  'Logs below:\n```\nError: a < b && c > d\n  at main.ts:10\n```\nany idea?',
  'see [the docs](https://example.com/docs?a=1&b=2) or https://example.org/path_(x)',
  '> my original question\nand my follow-up',
  '- first\n- second\n\n1. one\n2. two',
  'price: 5 < 10 & 7 > 3, snake_case_name, `inline <code>` 🎉',
  'ping @everyone in <#9>',
  'line one\nline two\n\n\nafter a gap',
];

describe('round trips', () => {
  it.each(DISCORD_TEXTS)('should keep canonical text unchanged when %j goes Discord -> canonical -> Slack -> canonical', (text) => {
    const canonical = discordToCanonical(text, resolver);
    expect(slackToCanonical(canonicalToSlack(canonical))).toBe(canonical);
  });

  it.each(DISCORD_TEXTS)('should keep canonical text unchanged when %j goes canonical -> Discord -> canonical', (text) => {
    const canonical = discordToCanonical(text, resolver);
    expect(discordToCanonical(canonicalToDiscord(canonical))).toBe(canonical);
  });

  it('should reach a fixed point when Slack text goes Slack -> canonical -> Slack', () => {
    const slack = '*Deploy* _today_ ~maybe~ <https://ci.example.com|pipeline> <@U1> :rocket:\n&gt; quoted &amp; <#C1|ops>\n```x &lt; y```';
    const canonical = slackToCanonical(slack, resolver);
    const again = slackToCanonical(canonicalToSlack(canonical), resolver);
    expect(again).toBe(canonical);
    expect(canonical).toBe('**Deploy** *today* ~~maybe~~ [pipeline](https://ci.example.com) @Alice 🚀\n> quoted & #ops\n\n```\nx < y\n```');
  });

  it.each([
    '**b** *i* ~~s~~ `c` [docs](https://x.com)',
    'one\ntwo',
    'intro\n```\ncode < 1\n```',
    '- a\n- b',
    'a & b < c',
  ])('should keep canonical text unchanged when %j goes canonical -> Teams -> canonical', (canonical) => {
    expect(teamsToCanonical(canonicalToTeams(canonical))).toBe(canonical);
  });
});
