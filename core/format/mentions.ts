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

/**
 * Readable name for a mentioned id, without the `@`/`#` sigil. A resolver that throws or answers
 * blank must not break a relay, so both fall back to the neutral name.
 */
export function mentionName(resolve: MentionResolver | undefined, kind: MentionKind, id: string): string {
  let name: string | undefined;
  try {
    name = resolve?.[kind]?.(id);
  } catch {
    name = undefined;
  }
  // Names arrive from platform APIs; collapse whitespace so a name cannot start a new block.
  const clean = name?.replace(/\s+/g, ' ').trim().replace(/^[@#]/, '');
  return clean ? clean : FALLBACK[kind];
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
