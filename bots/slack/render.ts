import type { types } from '@slack/bolt';
import { type CardAction, type CardFact, type CardView, clampTitle, type ConversationStatus, type NoticeView, type OutboundMessage, questionBody, splitText } from '../../core/index.ts';
import { canonicalToSlack } from './text-out.ts';
import { CARD_EVENT_TYPE, NOTICE_EVENT_TYPE, RELAY_EVENT_TYPE } from './parse.ts';

/** Slack's limit on a section's text, and the size Heimo splits relayed messages at. */
export const SECTION_LIMIT = 3_000;
const USERNAME_LIMIT = 80;

/** Message metadata Heimo stamps on its posts: echo suppression and retry lookups read it back. */
export interface HeimoMetadata {
  event_type: string;
  event_payload: Record<string, string | number>;
}

/** A card ready for chat.postMessage / chat.update. */
export interface RenderedCard {
  text: string;
  blocks: types.KnownBlock[];
  metadata: HeimoMetadata;
}

/** The action id of the card's link button; Slack still sends an interaction that must be acked. */
export const OPEN_IN_DISCORD_ACTION = 'heimo_open_discord';
/** Card buttons run commands: action id `heimo_<command>`, value the conversation id (see buttonValue). */
export const COMMAND_ACTION_PREFIX = 'heimo_';
/** Sets apart buttons of one command with different arguments (`heimo_kb~2`): action ids are unique per block. */
export const ACTION_ID_SUFFIX = '~';
/** The action id of the card button that runs `command` (`kb publish` -> `heimo_kb.publish`; the `n`th button of that command when n > 0). */
export const commandActionId = (command: string, n = 0): string => `${COMMAND_ACTION_PREFIX}${command.replace(/ /g, '.')}${n === 0 ? '' : `${ACTION_ID_SUFFIX}${n}`}`;

/**
 * A button's value: the conversation id alone (what cards always carried), or, for a button with
 * arguments, JSON `{"c": conversation?, "a": args}` (readButton reads both forms).
 */
export function buttonValue(conversationId: string | undefined, args: Readonly<Record<string, string>> | undefined): string {
  if (args === undefined || Object.keys(args).length === 0) return conversationId ?? '';
  return JSON.stringify({ ...(conversationId === undefined ? {} : { c: conversationId }), a: args });
}

const STATUS: Record<ConversationStatus, string> = {
  new: ':hourglass_flowing_sand: Community window',
  open: ':large_blue_circle: Open',
  claimed: ':raising_hand: Claimed',
  closed: ':black_circle: Closed',
  answered: ':speech_balloon: Answered',
  resolved: ':white_check_mark: Resolved',
};

/** Escapes the three characters Slack treats as markup in any text field. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts mrkdwn to `limit` without splitting an `&amp;` entity or a `<link|label>` token. */
export function truncateMrkdwn(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  const openTag = cut.lastIndexOf('<');
  if (openTag > cut.lastIndexOf('>')) cut = cut.slice(0, openTag);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';') && cut.length - amp < 8) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** Plain text cut to `limit` characters with an ellipsis. */
export const plain = (text: string, limit: number): string => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);
/** A link Slack accepts on a button or image. */
export const isWebUrl = (value: string): boolean => /^https?:\/\/\S+$/.test(value) && value.length <= 3_000;

/** Builds the conversation card: title, who asked where, the question, status, a link to Discord. */
export function renderCard(view: CardView): RenderedCard {
  const asker = escapeSlack(view.asker.displayName);
  const community = escapeSlack(view.communityName);
  // The header is plain text (core's title); the section shows the rest of the question, formatted.
  const title = clampTitle(view.title) || 'Question';
  const body = view.text.trim() === '' ? '_(no text)_' : truncateMrkdwn(canonicalToSlack(questionBody(view.text, title)), SECTION_LIMIT);
  const byline: types.ContextBlockElement[] = [{ type: 'mrkdwn', text: `*${asker}* asked in *${community}*` }];
  if (view.asker.avatarUrl !== undefined && isWebUrl(view.asker.avatarUrl)) {
    byline.unshift({ type: 'image', image_url: view.asker.avatarUrl, alt_text: plain(view.asker.displayName, 2_000) });
  }
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'context', elements: byline },
    ...(body.trim() === '' ? [] : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: body } }]),
    { type: 'context', elements: [{ type: 'mrkdwn', text: statusLine(view) }] },
    ...renderFacts(view.facts ?? []),
  ];
  const buttons = renderActions(view);
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return {
    text: `${STATUS[view.status]} · ${asker} in ${community}: ${escapeSlack(title)}`,
    blocks,
    metadata: { event_type: CARD_EVENT_TYPE, event_payload: { conversation_id: view.conversationId, key: view.idempotencyKey } },
  };
}

// Core words the status (statusLabel) in the community's language; the emoji stays Slack's.
function statusLine(view: CardView): string {
  const fallback = STATUS[view.status];
  if (view.statusLabel === undefined || view.statusLabel.trim() === '') return `Status: ${fallback}`;
  return `${fallback.split(' ')[0] ?? ''} ${escapeSlack(plain(view.statusLabel, 200))}`;
}

// A context block holds at most 10 elements: one line per fact, at most 10 facts.
const MAX_FACTS = 10;

/** The card's facts as one context block (at most 10 lines, Slack's limit). */
export function renderFacts(facts: readonly CardFact[]): types.KnownBlock[] {
  if (facts.length === 0) return [];
  const elements = facts.slice(0, MAX_FACTS).map((fact) => ({
    type: 'mrkdwn' as const,
    text: truncateMrkdwn(`${fact.alert === true ? ':warning: ' : ''}*${escapeSlack(fact.label)}:* ${escapeSlack(fact.value)}`, SECTION_LIMIT),
  }));
  return [{ type: 'context', elements }];
}

// Slack's limits: 25 elements per actions block, 75 characters of button text, 2,000 of value.
const MAX_BUTTONS = 24;

/**
 * Buttons that run commands. Action ids must be unique in a block: a command listed twice with
 * the same arguments gets one button; with other arguments (Publish and Reject of one command) the
 * next gets a numbered id.
 */
export function commandButtons(actions: readonly CardAction[], conversationId: string | undefined): types.Button[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const buttons: types.Button[] = [];
  for (const action of actions) {
    const value = buttonValue(conversationId, action.args);
    const key = `${action.command}\n${value}`;
    if (seen.has(key) || commandActionId(action.command) === OPEN_IN_DISCORD_ACTION || buttons.length >= MAX_BUTTONS) continue;
    seen.add(key);
    const n = counts.get(action.command) ?? 0;
    counts.set(action.command, n + 1);
    buttons.push({
      type: 'button',
      action_id: commandActionId(action.command, n),
      text: { type: 'plain_text', text: plain(action.label, 75) || action.command, emoji: true },
      value,
      ...(action.style === 'primary' || action.style === 'danger' ? { style: action.style } : {}),
    });
  }
  return buttons;
}

function renderActions(view: CardView): types.Button[] {
  const buttons = commandButtons(view.actions ?? [], view.conversationId);
  // Slack rejects the whole message over one bad button URL: leave the button out instead.
  if (isWebUrl(view.customerThreadUrl)) {
    buttons.push({ type: 'button', action_id: OPEN_IN_DISCORD_ACTION, text: { type: 'plain_text', text: 'Open in Discord' }, url: view.customerThreadUrl });
  }
  return buttons;
}

/** A relayed message as the mrkdwn parts to post, in order. */
export function renderRelayParts(message: OutboundMessage): string[] {
  // Heimo uploads nothing into Slack (maxFileBytes 0): every file is named, never dropped.
  const names = [...(message.files ?? []), ...(message.unfetched ?? [])].map((file) => `:paperclip: ${escapeSlack(plain(file.name, 200) || 'file')} (not carried over)`);
  const body = [canonicalToSlack(message.text), ...names].filter((piece) => piece.trim() !== '').join('\n');
  // The core never relays internal notes; if one slips through it must still look internal.
  const text = message.internal ? `:lock: *Internal note*\n${body}` : body;
  const parts = splitText(text, SECTION_LIMIT).filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts : ['_(empty message)_'];
}

/** Metadata for one part of a relayed message. */
export function relayMetadata(key: string, part: number): HeimoMetadata {
  return { event_type: RELAY_EVENT_TYPE, event_payload: { key, part } };
}

/** The name Slack shows for a relayed post (chat:write.customize); blank falls back to the bot's. */
export function relayUsername(displayName: string): string | undefined {
  const name = displayName.trim();
  return name === '' ? undefined : plain(name, USERNAME_LIMIT);
}

/**
 * A configured mention as Slack pings it: a user group id (`S…`) or a person's (`U…`, `W…`), a
 * mention already in Slack's `<…>` form, or `here`/`channel`; anything else is shown as text.
 */
export function slackMention(mention: string): string {
  const id = mention.trim();
  if (/^<[!@][^<>]+>$/u.test(id)) return id;
  if (/^S[A-Z0-9]+$/u.test(id)) return `<!subteam^${id}>`;
  if (/^[UW][A-Z0-9]+$/u.test(id)) return `<@${id}>`;
  if (/^@?(here|channel)$/u.test(id)) return `<!${id.replace('@', '')}>`;
  return canonicalToSlack(id);
}

/** A notice from Heimo itself as mrkdwn, tagged so a retry finds it and the relay ignores it. */
export function renderNotice(notice: NoticeView): { text: string; metadata: HeimoMetadata } {
  const body = truncateMrkdwn(canonicalToSlack(notice.text), SECTION_LIMIT * 10);
  const text = notice.mention === undefined ? body : `${slackMention(notice.mention)} ${body}`;
  return { text: text.trim() === '' ? '_(empty notice)_' : text, metadata: { event_type: NOTICE_EVENT_TYPE, event_payload: { key: notice.idempotencyKey } } };
}
