import { ButtonStyle, ComponentType, type APIChannel, type APIMessage } from 'discord.js';
import {
  CONVERSATION_STATUSES,
  type CardAction,
  createBoundedCache,
  type CustomerDelivery,
  type Logger,
  type PromptView,
  type StatusView,
  SUPPORTED_LOCALES,
  type ThreadRef,
  translator,
} from '../../core/index.ts';
import type { DiscordApi } from './api.ts';
import { isForumChannel } from './channels.ts';
import { DiscordCode, discordCodeOf } from './errors.ts';
import { customIdFor } from './interaction-parse.ts';
import { clamp, clip, MESSAGE_LIMIT, nonceFor } from './render.ts';
import { canonicalToDiscord } from './text-out.ts';

/** What status tags, status lines and prompts need. */
export interface StatusDeliveryConfig {
  api: Pick<DiscordApi, 'channel' | 'editChannel' | 'recentMessages' | 'post' | 'edit'>;
  botUserId: () => string | undefined;
  logger: Logger;
}

// Discord's limits on forum tags.
const MAX_FORUM_TAGS = 20;
const MAX_APPLIED_TAGS = 5;
const TAG_NAME_MAX = 20;
const BUTTONS_PER_ROW = 5;
const LABEL_MAX = 80;
const RECENT = 100;

/**
 * A status line starts with this (small text, a pin): Heimo finds its own line again among the
 * thread's recent bot messages after a restart, so nothing needs storing. A line that scrolled
 * past the last 100 messages is not found, and a fresh one is posted below.
 */
export const STATUS_LINE_PREFIX = '-# 📌 ';

// Every status label Heimo may have put on a post, in every language: its previous status tag is
// one of these, whatever the community's language was then.
const STATUS_LABELS = new Set(SUPPORTED_LOCALES.flatMap((locale) => CONVERSATION_STATUSES.map((status) => translator(locale)(`status.${status}`))));

const STYLES: Record<NonNullable<CardAction['style']>, ButtonStyle> = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger, default: ButtonStyle.Secondary };

const forumTags = (forum: APIChannel) => ('available_tags' in forum ? forum.available_tags ?? [] : []);
const appliedTags = (post: APIChannel): string[] => ('applied_tags' in post ? [...(post.applied_tags ?? [])] : []);
const isMissingPermission = (error: unknown): boolean => discordCodeOf(error) === DiscordCode.MissingPermissions;

/** Creates the Discord status display (forum tag, else a status line) and prompts with buttons. */
export function createStatusDelivery(config: StatusDeliveryConfig): Required<Pick<CustomerDelivery, 'showStatus' | 'postPrompt'>> {
  const { api, logger } = config;
  const lines = createBoundedCache<string, string>(5_000);
  const ownMessages = async (threadId: string): Promise<APIMessage[]> => {
    const botId = config.botUserId();
    return (await api.recentMessages(threadId, RECENT)).filter((message) => message.author.id === botId && message.webhook_id === undefined);
  };

  // Tags the post with the label; false when the forum cannot take it (20 tags, 5 applied, no permission).
  async function tagPost(post: APIChannel, forumId: string, label: string): Promise<boolean> {
    let forum = await api.channel(forumId);
    let tag = forumTags(forum).find((candidate) => candidate.name === label);
    if (tag === undefined) {
      const existing = forumTags(forum);
      if (existing.length >= MAX_FORUM_TAGS) return false;
      // The whole list is sent back: Discord removes tags a PATCH leaves out.
      const kept = existing.map(({ id, name, moderated, emoji_id, emoji_name }) => ({ id, name, moderated, emoji_id, emoji_name }));
      forum = await api.editChannel(forumId, { available_tags: [...kept, { name: label, moderated: false }] });
      tag = forumTags(forum).find((candidate) => candidate.name === label);
      if (tag === undefined) return false;
    }
    const statusIds = new Set(forumTags(forum).filter((candidate) => STATUS_LABELS.has(candidate.name) && candidate.id !== tag?.id).map((candidate) => candidate.id));
    const current = appliedTags(post);
    const others = current.filter((id) => !statusIds.has(id) && id !== tag.id);
    if (others.length >= MAX_APPLIED_TAGS) return false;
    const wanted = [...others, tag.id];
    if (wanted.length === current.length && wanted.every((id) => current.includes(id))) return true;
    await api.editChannel(post.id, { applied_tags: wanted });
    return true;
  }

  async function showLine(threadId: string, label: string): Promise<void> {
    const content = `${STATUS_LINE_PREFIX}${label}`;
    let id = lines.get(threadId);
    if (id === undefined) id = (await ownMessages(threadId)).find((message) => message.content.startsWith(STATUS_LINE_PREFIX))?.id;
    if (id !== undefined) {
      try {
        await api.edit(threadId, id, { content, allowed_mentions: { parse: [] } });
        lines.set(threadId, id);
        return;
      } catch (error) {
        if (discordCodeOf(error) !== DiscordCode.UnknownMessage) throw error;
        // Someone deleted the line: post it again.
      }
    }
    const posted = await api.post(threadId, { content, allowed_mentions: { parse: [] } });
    lines.set(threadId, posted.id);
  }

  return {
    async showStatus(thread: ThreadRef, view: StatusView) {
      const label = clamp(view.label, TAG_NAME_MAX);
      const post = await api.channel(thread.threadId);
      const parentId = 'parent_id' in post ? post.parent_id ?? null : null;
      const parent = parentId === null ? null : await api.channel(parentId);
      if (parent !== null && isForumChannel(parent.type)) {
        try {
          if (await tagPost(post, parent.id, label)) return;
          logger.warn('discord: forum cannot take the status tag (20 tags or 5 applied); showing a status line', { threadId: thread.threadId, label });
        } catch (error) {
          if (!isMissingPermission(error)) throw error;
          logger.warn('discord: no permission to tag the forum post (Manage Threads, Manage Channels); showing a status line', { threadId: thread.threadId });
        }
      }
      await showLine(thread.threadId, view.label);
    },

    async postPrompt(thread: ThreadRef, prompt: PromptView) {
      const content = clip(canonicalToDiscord(prompt.text), MESSAGE_LIMIT);
      const components = [{
        type: ComponentType.ActionRow,
        components: prompt.actions.slice(0, BUTTONS_PER_ROW).map((action) => ({
          type: ComponentType.Button,
          style: STYLES[action.style ?? 'default'],
          label: clamp(action.label, LABEL_MAX),
          custom_id: customIdFor(action.command, prompt.conversationId, action.args),
        })),
      }];
      if (prompt.isRetry) {
        const wanted = components[0]?.components.map((button) => button.custom_id).join(' ');
        const found = (await ownMessages(thread.threadId)).find((message) => message.content === content && buttonIds(message) === wanted);
        if (found !== undefined) return found.id;
      }
      const posted = await api.post(thread.threadId, { content, components, nonce: nonceFor(prompt.idempotencyKey, 0), enforce_nonce: true, allowed_mentions: { parse: [] } });
      return posted.id;
    },
  };
}

/** The custom_ids of a message's buttons, in order (rows read loosely: Discord has many component kinds). */
export const buttonIds = (message: APIMessage): string =>
  ((message.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>).flatMap((row) => row.components ?? []).map((button) => button.custom_id ?? '').join(' ');
