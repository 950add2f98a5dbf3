import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../core/domain/types.ts';
import { cardAction, sendInvoke } from '../../fakes/teams/send-command.ts';
import { createTestCommandPort, OTHER_TEAM, SUPPORT_TEAM } from './command-port.ts';
import { view } from './delivery-fixtures.ts';
import { EMPLOYEE, eachTeamsHarness, type TeamsHarness } from './harness.ts';

const MESSAGE = 'application/vnd.microsoft.activity.message';
const CARD = 'application/vnd.microsoft.card.adaptive';
const ROOT = 'thread-1';
const test = createTestCommandPort();

describe('Teams card actions (Action.Execute invokes through real teams-ai, the real command runner)', () => {
  let h: TeamsHarness;
  let destination: Destination;
  eachTeamsHarness((harness, where) => {
    h = harness;
    destination = where;
    test.requests.length = 0;
    test.calls.length = 0;
  }, { commands: test.port });

  const press = async (verb: string, options: { data?: Record<string, unknown>; team?: typeof SUPPORT_TEAM; value?: unknown } = {}) =>
    sendInvoke(h.botUrl, cardAction(h.scene, { rootId: ROOT, from: EMPLOYEE, verb, data: options.data ?? { conversationId: 'conv-1' }, team: options.team ?? SUPPORT_TEAM, ...('value' in options ? { value: options.value } : {}) }), await h.token());

  it('should render actions as Action.Execute, facts as a FactSet, the status label and a refresh when the core gives them', async () => {
    const card = view({
      statusLabel: 'Avoin',
      facts: [{ label: 'Owner', value: 'Aino' }, { label: 'SLA', value: 'first response due 14:00', alert: true }],
      actions: [{ command: 'resolve', label: 'Resolve', style: 'primary' }, { command: 'claim', label: 'Claim' }],
    });
    const ref = await h.bot.delivery.postCard(destination, card);
    const content = (h.connector.activities.get(`${h.scene.channelId};messageid=${ref.cardMessageId}|${ref.cardMessageId}`)?.activity['attachments'] as { content: Record<string, unknown> }[])[0]?.content ?? {};

    expect(Number(content['version'])).toBeGreaterThanOrEqual(1.4);
    expect(content['actions']).toEqual([
      { type: 'Action.Execute', title: 'Resolve', verb: 'heimo.resolve', data: { conversationId: 'conv-1' }, style: 'positive' },
      { type: 'Action.Execute', title: 'Claim', verb: 'heimo.claim', data: { conversationId: 'conv-1' } },
      { type: 'Action.OpenUrl', title: 'Open in Discord', url: 'https://discord.com/channels/1/2/3' },
    ]);
    expect(content['refresh']).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'heimo.refresh', data: { conversationId: 'conv-1' } } });
    const body = JSON.stringify(content['body']);
    expect(body).toContain('Status: Avoin');
    expect(body).toContain('{"type":"FactSet","facts":[{"title":"Owner","value":"Aino"}]}');
    expect(body).toContain('SLA: first response due 14:00');
  });

  it('should run the command for the presser and answer the invoke with the reply when staff press Resolve', async () => {
    const answer = await press('heimo.resolve');

    expect(answer).toEqual({ status: 200, body: { statusCode: 200, type: MESSAGE, value: 'Erin Employee marked this question solved.' } });
    expect(test.requests).toEqual([
      {
        platform: 'teams',
        actor: { userId: 'aad-erin', displayName: 'Erin Employee', teamIds: [SUPPORT_TEAM.id, SUPPORT_TEAM.aadGroupId], locale: 'en-US' },
        command: 'resolve',
        args: {},
        channelId: h.scene.channelId,
        question: { conversationId: 'conv-1' },
      },
    ]);
    expect(test.calls).toMatchObject([{ method: 'resolve', request: { conversationId: 'conv-1', actor: { platform: 'teams', userId: 'aad-erin' } } }]);
    // Public: the chain shows it too, for everyone.
    expect(h.connector.thread(h.scene.channelId, ROOT).map((held) => held.activity['text'])).toEqual(['Erin Employee marked this question solved.']);
  });

  it('should answer only the presser and post nothing when someone outside the staff teams presses Claim', async () => {
    const answer = await press('heimo.claim', { team: OTHER_TEAM });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: MESSAGE, value: expect.stringContaining('You may not use `claim`') });
    expect(test.calls).toEqual([]);
    expect(h.connector.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('should answer heimo.refresh with the current card, refreshing for the people who acted on it', async () => {
    await h.bot.delivery.postCard(destination, view({ actions: [{ command: 'reopen', label: 'Reopen' }], status: 'resolved', statusLabel: 'Resolved' }));

    const answer = await press('heimo.refresh');

    expect(answer.status).toBe(200);
    expect(answer.body?.type).toBe(CARD);
    const content = answer.body?.value as Record<string, unknown>;
    expect(content['actions']).toContainEqual({ type: 'Action.Execute', title: 'Reopen', verb: 'heimo.reopen', data: { conversationId: 'conv-1' } });
    expect(content['refresh']).toMatchObject({ action: { verb: 'heimo.refresh' }, userIds: [EMPLOYEE.id] });
    expect(test.requests).toEqual([]);
  });

  it('should answer heimo.refresh with a message when Heimo has not rendered that card in this process', async () => {
    const answer = await press('heimo.refresh', { data: { conversationId: 'conv-unknown' } });

    expect(answer).toMatchObject({ status: 200, body: { statusCode: 200, type: MESSAGE } });
  });

  it('should carry the article to the command without a question when a review card button is pressed', async () => {
    const args = { article: 'a-1' };
    const id = await h.bot.delivery.postReviewCard!(destination, {
      articleId: 'a-1', title: 'Export fails', question: 'Why?', answer: 'Because.', stateLabel: 'Draft', facts: [],
      actions: [{ command: 'kb publish', label: 'Publish', style: 'primary', args }, { command: 'kb reject', label: 'Reject', style: 'danger', args }], idempotencyKey: 'review-1', isRetry: false,
    });
    const content = (h.connector.activities.get(`${h.scene.channelId};messageid=${id}|${id}`)?.activity['attachments'] as { content: Record<string, unknown> }[])[0]?.content ?? {};
    expect(content['actions']).toEqual([
      { type: 'Action.Execute', title: 'Publish', verb: 'heimo.kb publish', data: { args }, style: 'positive' },
      { type: 'Action.Execute', title: 'Reject', verb: 'heimo.kb reject', data: { args }, style: 'destructive' },
    ]);
    expect(content['refresh']).toBeUndefined();

    const answer = await press('heimo.kb publish', { data: { args } });

    expect(answer.status).toBe(200);
    expect(test.requests).toHaveLength(1);
    expect(test.requests[0]).toMatchObject({ platform: 'teams', command: 'kb publish', args });
    expect(test.requests[0]?.question).toBeUndefined();
  });

  it('should answer 400 and keep serving when a card action is malformed', async () => {
    const malformed: unknown[] = [
      undefined,
      'resolve',
      { action: { type: 'Action.Submit', verb: 'heimo.resolve', data: { conversationId: 'conv-1' } } },
      { action: { type: 'Action.Execute', verb: 'heimo.resolve', data: {} } },
      { action: { type: 'Action.Execute', verb: 'heimo.resolve', data: { conversationId: 42 } } },
      { action: { type: 'Action.Execute', verb: 'someone.else', data: { conversationId: 'conv-1' } } },
      { action: { type: 'Action.Execute', verb: 'heimo.', data: { conversationId: 'conv-1' } } },
    ];
    for (const value of malformed) {
      const answer = await press('heimo.resolve', { value });
      expect(answer.status, JSON.stringify(value)).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    }
    expect(test.requests).toEqual([]);

    expect((await press('heimo.status')).status).toBe(200);
  });
});
