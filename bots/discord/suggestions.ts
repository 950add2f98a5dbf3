import { ButtonStyle, ComponentType, escapeMarkdown } from 'discord.js';
import type { CardAction, CustomerDelivery, SuggestionsView, ThreadRef } from '../../core/index.ts';
import type { DiscordApi } from './api.ts';
import { customIdFor } from './interaction-parse.ts';
import { clamp, clip, MESSAGE_LIMIT, nonceFor } from './render.ts';
import { buttonIds } from './status.ts';
import { canonicalToDiscord } from './text-out.ts';

/** What posting suggestions needs: the REST layer and the bot's own id (to find its post again on a retry). */
export interface SuggestionDeliveryConfig {
  api: Pick<DiscordApi, 'recentMessages' | 'post'>;
  botUserId: () => string | undefined;
}

const STYLES: Record<NonNullable<CardAction['style']>, ButtonStyle> = { primary: ButtonStyle.Success, danger: ButtonStyle.Danger, default: ButtonStyle.Secondary };
const BUTTONS_PER_ROW = 5;
const LABEL_MAX = 80;
const TITLE_MAX = 100;
const RECENT = 50;

/**
 * The suggestions as one message: the intro, then each article numbered (its title in bold, the
 * excerpt, its page in angle brackets so Discord shows no preview card for it).
 */
export function suggestionsContent(view: SuggestionsView): string {
  const items = view.suggestions.map((suggestion, index) => {
    const title = `**${index + 1}. ${escapeMarkdown(clamp(suggestion.title, TITLE_MAX))}**`;
    const excerpt = canonicalToDiscord(suggestion.excerpt).trim();
    return [title, excerpt, suggestion.url === undefined ? '' : `<${suggestion.url}>`].filter((line) => line !== '').join('\n');
  });
  return clip([canonicalToDiscord(view.intro).trim(), ...items].join('\n\n'), MESSAGE_LIMIT);
}

/** Posts suggested articles in a question's thread, one "This solved it" button per article. */
export function createSuggestionDelivery(config: SuggestionDeliveryConfig): Required<Pick<CustomerDelivery, 'postSuggestions'>> {
  const { api } = config;
  return {
    async postSuggestions(thread: ThreadRef, view: SuggestionsView) {
      const content = suggestionsContent(view);
      // Each button carries the question and its article: a press needs no lookup by thread or message.
      const buttons = view.suggestions.slice(0, BUTTONS_PER_ROW).map((suggestion) => ({
        type: ComponentType.Button,
        style: STYLES[suggestion.action.style ?? 'primary'],
        label: clamp(suggestion.action.label, LABEL_MAX),
        custom_id: customIdFor(suggestion.action.command, view.conversationId, suggestion.action.args),
      }));
      const components = [{ type: ComponentType.ActionRow, components: buttons }];
      if (view.isRetry) {
        const wanted = buttons.map((button) => button.custom_id).join(' ');
        const botId = config.botUserId();
        const found = (await api.recentMessages(thread.threadId, RECENT)).find((message) => message.author.id === botId && message.webhook_id === undefined && message.content === content && buttonIds(message) === wanted);
        if (found !== undefined) return found.id;
      }
      const posted = await api.post(thread.threadId, { content, components, nonce: nonceFor(view.idempotencyKey, 0), enforce_nonce: true, allowed_mentions: { parse: [] } });
      return posted.id;
    },
  };
}
