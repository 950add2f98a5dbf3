import type { Platform } from '../domain/types.ts';

/** What a typed question reference may name: Heimo's id, or a platform thread (or card), or a stored link. */
export type TypedQuestion =
  | { conversationId: string }
  | { platform: Platform; channelId?: string; threadId: string }
  | { url: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Slack's archive links carry the message ts without its dot: p1700000000123456 -> 1700000000.123456.
const SLACK_TS = /^p(\d{10})(\d{6})$/;

const slackTs = (segment: string | undefined): string | undefined => {
  const match = segment === undefined ? null : SLACK_TS.exec(segment);
  return match ? `${match[1]}.${match[2]}` : undefined;
};

// Slack wraps links people paste in <...|label>; people put ids in backticks.
const unwrap = (text: string): string => text.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1').replace(/^`(.*)`$/, '$1').trim();

/**
 * The candidates a typed reference names, most specific first: Heimo's id; a Discord thread or
 * message link (the thread id); a Slack message link (the thread's ts when it is a reply); a Teams
 * message link (its reply chain); and the text itself as a stored thread link.
 */
export function parseQuestionText(text: string): TypedQuestion[] {
  const value = unwrap(text);
  if (value === '') return [];
  if (UUID.test(value)) return [{ conversationId: value.toLowerCase() }];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const parts = url.pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  const found: TypedQuestion[] = [];
  if (/(^|\.)discord(app)?\.com$/.test(url.hostname) && parts[0] === 'channels' && parts[2] !== undefined) {
    // channels/<guild>/<thread>[/<message>]: a thread is its own channel.
    found.push({ platform: 'discord', threadId: parts[2] });
  } else if (url.hostname.endsWith('slack.com') && parts[0] === 'archives' && parts[1] !== undefined) {
    const ts = url.searchParams.get('thread_ts') ?? slackTs(parts[2]);
    if (ts !== undefined) found.push({ platform: 'slack', channelId: parts[1], threadId: ts });
  } else if (url.hostname.endsWith('teams.microsoft.com') && parts[0] === 'l' && parts[1] === 'message' && parts[2] !== undefined && parts[3] !== undefined) {
    // l/message/<channel>/<message>?parentMessageId=<root>: a reply names its chain's root.
    const root = url.searchParams.get('parentMessageId');
    const threadId = root !== null && root !== '' && root !== '0' ? root : parts[3];
    found.push({ platform: 'teams', channelId: parts[2], threadId });
  }
  found.push({ url: value });
  return found;
}
