import { describe, expect, it } from 'vitest';
import { messageAction, sendInvoke } from '../../fakes/teams/send-command.ts';
import { createTestCommandPort, OTHER_TEAM, SUPPORT_TEAM } from './command-port.ts';
import { EMPLOYEE, eachTeamsHarness, type TeamsHarness } from './harness.ts';

const ROOT = 'thread-1';
const AUTHOR = { id: '29:1sam', name: 'Sam Colleague', aadObjectId: 'aad-sam' };
const test = createTestCommandPort();

describe('Teams message actions (Mark as solution from a message\'s menu, real teams-ai)', () => {
  let h: TeamsHarness;
  eachTeamsHarness((harness) => {
    h = harness;
    test.requests.length = 0;
    test.calls.length = 0;
  }, { commands: test.port });

  const mark = async (team = SUPPORT_TEAM, value?: unknown) =>
    sendInvoke(h.botUrl, messageAction(h.scene, { rootId: ROOT, from: EMPLOYEE, team, commandId: 'mark-solution', messageId: 'msg-9', author: AUTHOR, ...(value === undefined ? {} : { value }) }), await h.token());

  it('should resolve with the chosen message as solution and tell the chain when staff mark a reply', async () => {
    const answer = await mark();

    expect(answer).toEqual({ status: 200, body: { task: { type: 'message', value: 'Erin Employee marked a message as the solution; this question is solved.' } } });
    expect(test.requests[0]).toMatchObject({
      command: 'mark-solution',
      question: { platform: 'teams', channelId: h.scene.channelId, threadId: ROOT },
      targetMessage: { platform: 'teams', channelId: h.scene.channelId, messageId: 'msg-9', authorId: 'aad-sam' },
    });
    expect(test.calls).toMatchObject([{ method: 'resolve', request: { conversationId: 'conv-1', solution: { messageId: 'msg-9' } } }]);
    expect(h.connector.thread(h.scene.channelId, ROOT)).toHaveLength(1);
  });

  it('should answer only the person and post nothing when someone outside staff marks a reply', async () => {
    const answer = await mark(OTHER_TEAM);

    expect(answer.body).toMatchObject({ task: { type: 'message', value: expect.stringContaining('mark-solution') } });
    expect(test.calls).toEqual([]);
    expect(h.connector.thread(h.scene.channelId, ROOT)).toEqual([]);
  });

  it('should answer 400 when the message action carries no message', async () => {
    const answer = await mark(SUPPORT_TEAM, { commandId: 'mark-solution', commandContext: 'compose' });

    expect(answer.status).toBe(400);
    expect(test.requests).toEqual([]);
  });
});
