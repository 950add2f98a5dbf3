import { clampTitle, type ReviewCardView } from '../../core/index.ts';
import { adaptiveCard, type CardAttachment } from './adaptive-card.ts';
import { commandActions, factElements } from './card-actions.ts';
import { canonicalToCardMarkdown } from './card-text.ts';

// A review card is read at a glance: the whole article is on its page, so each part is cut short.
const PART_LIMIT = 1_500;

const cut = (text: string): string => (text.length <= PART_LIMIT ? text : `${text.slice(0, PART_LIMIT).trimEnd()} …`);

// The parts are marked by emoji, not words: the words people read come from the core, already translated.
const part = (emoji: string, text: string): Record<string, unknown> => ({
  type: 'TextBlock',
  text: `${emoji} ${text.trim() === '' ? '_(empty)_' : canonicalToCardMarkdown(cut(text))}`,
  wrap: true,
});

/**
 * A draft article's review card: title, state, question, accepted answer, facts, and Publish /
 * Edit / Reject as Action.Execute buttons carrying the article (`data.args`) for the registry's
 * commands. It has no refresh: Heimo updates it in place when the article changes.
 */
export function reviewCard(view: ReviewCardView): CardAttachment {
  return adaptiveCard({
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: clampTitle(view.title) || view.articleId, size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: view.stateLabel, weight: 'Bolder', color: 'Accent', spacing: 'None', wrap: true },
      part('❓', view.question),
      part('✅', view.answer),
      ...factElements(view.facts),
    ],
    actions: commandActions(view.actions, undefined),
  });
}
