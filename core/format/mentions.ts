/** Resolves platform ids inside mentions to readable names; unknown ids fall back to a neutral text. */
export interface MentionResolver {
  user?(id: string): string | undefined;
  channel?(id: string): string | undefined;
  role?(id: string): string | undefined;
}

/** What a mention points at; picks the resolver method and the fallback name. */
export type MentionKind = 'user' | 'channel' | 'role';

const FALLBACK: Record<MentionKind, string> = {
  user: 'unknown-user',
  channel: 'unknown-channel',
  role: 'unknown-role',
};

function clean(name: string | undefined): string | undefined {
  // Names arrive from platform APIs; collapse whitespace so a name cannot start a new block.
  const text = name?.replace(/\s+/g, ' ').trim().replace(/^[@#]/, '');
  return text ? text : undefined;
}

/**
 * Readable name for a mentioned id, without the `@`/`#` sigil: the resolver's answer, else the
 * label the platform sent along, else a neutral name. A resolver that throws must not break a relay.
 */
export function mentionName(resolve: MentionResolver | undefined, kind: MentionKind, id: string, label?: string): string {
  let name: string | undefined;
  try {
    name = clean(resolve?.[kind]?.(id));
  } catch {
    name = undefined;
  }
  return name ?? clean(label) ?? FALLBACK[kind];
}

const ZWSP = '\u200b';
const BROADCAST = /@(?=everyone|here|channel)/giu;
const DEFUSED = /@\u200b(?=everyone|here|channel)/giu;

/**
 * Puts a zero-width space after `@` in `@everyone`/`@here`/`@channel` so no platform treats a
 * customer's words as a broadcast. Case-insensitive on purpose: cheaper than knowing each rule.
 */
export function defuseBroadcasts(text: string): string {
  return text.replace(BROADCAST, `@${ZWSP}`);
}

/** Removes the zero-width space that defuseBroadcasts added, so canonical text stays readable. */
export function restoreBroadcasts(text: string): string {
  return text.replace(DEFUSED, '@');
}

// Canonical text keeps only names, so the ids of mentioned people are read from the platform's own
// markup before it is converted: Discord writes `<@id>` (`<@!id>` for a nickname mention; `<@&id>`
// is a role), Slack `<@U…>` or `<@W…>` with an optional `|label`. Teams lists mentions as entities
// (bots/teams reads them there).
const DISCORD_USER = /<@!?(\d+)>/g;
const SLACK_USER = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** The user ids a platform's raw message text mentions, once each in order; roles and channels are not people. */
export function mentionedUserIds(platform: 'discord' | 'slack', raw: string): string[] {
  const pattern = platform === 'discord' ? DISCORD_USER : SLACK_USER;
  return [...new Set([...raw.matchAll(pattern)].map((match) => match[1] ?? '').filter((id) => id !== ''))];
}
