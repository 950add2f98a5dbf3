import { describe, expect, it } from 'vitest';
import { canonicalToDiscord } from '../../../bots/discord/text-out.ts';
import { discordToCanonical } from '../../../bots/discord/text-in.ts';
import type { MentionResolver } from '../../../core/format/index.ts';

const resolver: MentionResolver = {
  user: (id) => ({ '123': 'Alice', '456': 'Bob Smith' })[id],
  channel: (id) => ({ '9': 'general' })[id],
  role: (id) => ({ '5': 'moderators' })[id],
};

describe('discordToCanonical', () => {
  it('should resolve user mentions to readable names when the resolver knows the id', () => {
    expect(discordToCanonical('hi <@123> and <@!456>', resolver)).toBe('hi @Alice and @Bob Smith');
  });

  it('should fall back to neutral names when an id is unknown or no resolver is given', () => {
    expect(discordToCanonical('<@999> <#1> <@&2>', resolver)).toBe('@unknown-user #unknown-channel @unknown-role');
    expect(discordToCanonical('<@123>')).toBe('@unknown-user');
  });

  it('should fall back when the resolver throws or answers blank', () => {
    const broken: MentionResolver = { user: () => { throw new Error('cache down'); }, channel: () => '  ' };
    expect(discordToCanonical('<@1> <#2>', broken)).toBe('@unknown-user #unknown-channel');
  });

  it('should render channels and roles with their sigils when resolved', () => {
    expect(discordToCanonical('see <#9>, ping <@&5>', resolver)).toBe('see #general, ping @moderators');
  });

  it('should escape markdown in a resolved name when the name holds markup', () => {
    const starry: MentionResolver = { user: () => '*star* [x](y)' };
    expect(discordToCanonical('<@1>', starry)).toBe('@\\*star\\* [x\\](y)');
  });

  it('should turn custom emoji into shortcode text when static or animated', () => {
    expect(discordToCanonical('nice <:blobcat:111> <a:party_parrot:222>')).toBe('nice :blobcat: :party_parrot:');
  });

  it('should turn a timestamp token into a readable UTC time when one is sent', () => {
    expect(discordToCanonical('meet at <t:1700000000:F>')).toBe('meet at 2023-11-14 22:13 UTC');
  });

  it('should keep @everyone and @here as plain text when a customer types them', () => {
    expect(discordToCanonical('@everyone look @here')).toBe('@everyone look @here');
  });

  it('should keep bold, italic, underline, strike, inline code and links when markdown is used', () => {
    const text = '**b** *i* _i_ __u__ ~~s~~ `x` [docs](https://example.com) https://example.org';
    expect(discordToCanonical(text)).toBe(text);
  });

  it('should leave mentions inside code untouched when they appear in code spans or blocks', () => {
    expect(discordToCanonical('`<@123>`\n```\n<@123>\n```', resolver)).toBe('`<@123>`\n```\n<@123>\n```');
  });

  it('should keep an escaped mention literal when the author backslash-escaped it', () => {
    expect(discordToCanonical('\\<@123>', resolver)).toBe('\\<@123>');
  });

  it('should rewrite a code block as a CommonMark fence when Discord closes it on the content line', () => {
    expect(discordToCanonical('look:```js\nconst a = 1```done')).toBe('look:\n```js\nconst a = 1\n```\ndone');
  });

  it('should keep a well-formed fenced block with its language when it is already on its own lines', () => {
    expect(discordToCanonical('```ts\nlet x: number;\n```')).toBe('```ts\nlet x: number;\n```');
  });

  it('should end a one-line quote with a blank line when the next line is not quoted', () => {
    expect(discordToCanonical('> original\nmy answer')).toBe('> original\n\nmy answer');
    expect(discordToCanonical('> a\n> b\n\nc')).toBe('> a\n> b\n\nc');
  });

  it('should quote every remaining line when the message uses >>>', () => {
    expect(discordToCanonical('intro\n>>> one\ntwo <@123>', resolver)).toBe('intro\n> one\n> two @Alice');
  });

  it('should escape > when it is not followed by a space, as Discord shows it literally', () => {
    expect(discordToCanonical('>not a quote')).toBe('\\>not a quote');
  });

  it('should remove the zero-width space of a defused broadcast when it comes back in', () => {
    expect(discordToCanonical('@\u200beveryone')).toBe('@everyone');
  });
});

describe('canonicalToDiscord', () => {
  it('should defuse @everyone and @here when they appear in text', () => {
    expect(canonicalToDiscord('hey @everyone and @here')).toBe('hey @\u200beveryone and @\u200bhere');
  });

  it('should escape raw mention syntax when canonical text contains it', () => {
    expect(canonicalToDiscord('<@123> <@!4> <@&5> <#6>')).toBe('\\<@123> \\<@!4> \\<@&5> \\<#6>');
  });

  it('should not double-escape a mention when it is already escaped', () => {
    expect(canonicalToDiscord('\\<@123>')).toBe('\\<@123>');
    expect(canonicalToDiscord('\\\\<@123>')).toBe('\\\\\\<@123>');
  });

  it('should leave code untouched when mentions appear in code', () => {
    const text = 'say `@everyone <@1>`\n```\n@here <#2>\n```';
    expect(canonicalToDiscord(text)).toBe(text);
  });

  it('should defuse a tilde fence like text when Discord would show it as text', () => {
    expect(canonicalToDiscord('~~~\n@here <@1>\n~~~')).toBe('~~~\n@\u200bhere \\<@1>\n~~~');
  });

  it('should keep markdown as written when there is nothing to defuse', () => {
    const text = '# Title\n**b** *i* ~~s~~ [t](https://x.com)\n- item\n> quote';
    expect(canonicalToDiscord(text)).toBe(text);
  });

  it('should give text back unchanged when Discord text makes a round trip through canonical', () => {
    const text = '**Hi** <@123>, see `code` and [docs](https://example.com)\n```js\nx()\n```';
    const canonical = discordToCanonical(text, resolver);
    expect(canonicalToDiscord(canonical)).toBe('**Hi** @Alice, see `code` and [docs](https://example.com)\n```js\nx()\n```');
  });
});
