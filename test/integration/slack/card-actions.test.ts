import { describe, expect, it } from 'vitest';
import { OPEN_IN_DISCORD_ACTION, renderCard } from '../../../bots/slack/render.ts';
import { renderReviewCard } from '../../../bots/slack/review-card.ts';
import type { CardAction, ReviewCardView } from '../../../core/ports/delivery.ts';
import { cardView } from './harness.ts';

type Element = { type: string; action_id?: string; value?: string; style?: string; text?: { text: string } | string; url?: string };
const blocksOf = (card: ReturnType<typeof renderCard>) => card.blocks as unknown as Array<{ type: string; elements?: Element[] }>;

describe('slack card commands', () => {
  it('should render each action as a button carrying the conversation id when the card offers actions', () => {
    const card = renderCard(cardView({ actions: [{ command: 'claim', label: 'Claim' }, { command: 'resolve', label: 'Resolve', style: 'primary' }, { command: 'close', label: 'Close', style: 'danger' }] }));

    const buttons = blocksOf(card).find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => [button.action_id, button.value, button.style])).toEqual([
      ['heimo_claim', 'conv-1', undefined],
      ['heimo_resolve', 'conv-1', 'primary'],
      ['heimo_close', 'conv-1', 'danger'],
      [OPEN_IN_DISCORD_ACTION, undefined, undefined],
    ]);
    expect(buttons.at(-1)?.url).toBe('https://discord.com/channels/1/2/3');
  });

  it('should give a command one button when the view lists it twice', () => {
    const card = renderCard(cardView({ actions: [{ command: 'claim', label: 'Claim' }, { command: 'claim', label: 'Claim again' }] }));

    const ids = (blocksOf(card).find((block) => block.type === 'actions')?.elements ?? []).map((button) => button.action_id);
    expect(ids).toEqual(['heimo_claim', OPEN_IN_DISCORD_ACTION]);
  });

  it('should show facts as one context line each, a breach marked, escaped', () => {
    const card = renderCard(cardView({ facts: [{ label: 'Owner', value: 'Aino <a@b>' }, { label: 'SLA', value: 'first response due 14:00', alert: true }] }));

    const contexts = blocksOf(card).filter((block) => block.type === 'context').map((block) => (block.elements ?? []).map((element) => element.text));
    expect(contexts.at(-1)).toEqual(['*Owner:* Aino &lt;a@b&gt;', ':warning: *SLA:* first response due 14:00']);
  });

  it("should show the status in the community's words when a label is given", () => {
    const labelled = JSON.stringify(renderCard(cardView({ status: 'open', statusLabel: 'Avoin' })).blocks);
    const plain = JSON.stringify(renderCard(cardView({ status: 'open' })).blocks);

    expect(labelled).toContain(':large_blue_circle: Avoin');
    expect(labelled).not.toContain('Status: ');
    expect(plain).toContain('Status: :large_blue_circle: Open');
  });
});

describe('slack review cards', () => {
  const view = (actions: CardAction[]): ReviewCardView => ({
    articleId: 'a-1', title: 'Export fails', question: 'Export *fails*', answer: 'Turn <it> off', stateLabel: 'Draft', facts: [{ label: 'Tags', value: 'export' }], actions, idempotencyKey: 'k-1', isRetry: false,
  });
  const args = { article: 'a-1' };

  it('should give each button of one command its own action id and the article in its value when a review card offers Publish, Edit and Reject', () => {
    const card = renderReviewCard(view([
      { command: 'kb publish', label: 'Publish', style: 'primary', args },
      { command: 'kb edit', label: 'Edit', args },
      { command: 'kb reject', label: 'Reject', style: 'danger', args },
    ]));

    const buttons = blocksOf(card).find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => [button.action_id, button.value, button.style])).toEqual([
      ['heimo_kb.publish', '{"a":{"article":"a-1"}}', 'primary'],
      ['heimo_kb.edit', '{"a":{"article":"a-1"}}', undefined],
      ['heimo_kb.reject', '{"a":{"article":"a-1"}}', 'danger'],
    ]);
    expect(card.metadata).toEqual({ event_type: 'heimo_review', event_payload: { article_id: 'a-1', key: 'k-1' } });
    expect(JSON.stringify(card.blocks)).toContain('Turn &lt;it&gt; off');
  });

  it('should number the buttons of one command when they differ only in their arguments', () => {
    const card = renderReviewCard(view([{ command: 'kb', label: 'Publish', args: { action: 'publish' } }, { command: 'kb', label: 'Reject', args: { action: 'reject' } }]));

    const ids = (blocksOf(card).find((block) => block.type === 'actions')?.elements ?? []).map((button) => button.action_id);
    expect(ids).toEqual(['heimo_kb', 'heimo_kb~1']);
  });

  it('should show no buttons when the article is decided', () => {
    const card = renderReviewCard({ ...view([]), stateLabel: 'Published by Mo' });

    expect(blocksOf(card).some((block) => block.type === 'actions')).toBe(false);
    expect(card.text).toContain('Published by Mo');
  });
});
