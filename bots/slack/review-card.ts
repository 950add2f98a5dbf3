import type { types } from '@slack/bolt';
import { clampTitle, type ReviewCardView } from '../../core/index.ts';
import { REVIEW_EVENT_TYPE } from './parse.ts';
import { commandButtons, escapeSlack, plain, renderFacts, SECTION_LIMIT, truncateMrkdwn, type RenderedCard } from './render.ts';
import { canonicalToSlack } from './text-out.ts';

// A review card is read at a glance: the whole article is on the article's page, so each part is cut short.
const PART_LIMIT = 1_500;

const part = (emoji: string, text: string): types.KnownBlock => {
  const body = text.trim() === '' ? '_(empty)_' : truncateMrkdwn(canonicalToSlack(text), Math.min(PART_LIMIT, SECTION_LIMIT - 20));
  return { type: 'section', text: { type: 'mrkdwn', text: `${emoji} ${body}` } };
};

/**
 * A draft article's review card: its title, state, question, accepted answer, facts (tags,
 * contributors, sources) and the Publish / Edit / Reject buttons, which run the registry's
 * commands with the article as their argument. The parts are marked by emoji, not words: the
 * words people read come from the core, already in the community's language.
 */
export function renderReviewCard(view: ReviewCardView): RenderedCard {
  const title = clampTitle(view.title) || view.articleId;
  const buttons = commandButtons(view.actions, undefined);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `:memo: *${escapeSlack(plain(view.stateLabel, 200))}*` }] },
    part(':question:', view.question),
    part(':white_check_mark:', view.answer),
    ...renderFacts(view.facts),
    ...(buttons.length === 0 ? [] : [{ type: 'actions' as const, elements: buttons }]),
  ];
  return {
    text: `${escapeSlack(plain(view.stateLabel, 200))}: ${escapeSlack(title)}`,
    blocks,
    metadata: { event_type: REVIEW_EVENT_TYPE, event_payload: { article_id: view.articleId, key: view.idempotencyKey } },
  };
}
