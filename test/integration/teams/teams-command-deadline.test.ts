import { describe, expect, it } from 'vitest';
import type { CommandPort } from '../../../core/ports/commands.ts';
import { eventually } from '../../support/eventually.ts';
import { sendActivity } from '../../fakes/teams/send-activity.ts';
import { cardAction, sendInvoke } from '../../fakes/teams/send-command.ts';
import { createTestCommandPort, SUPPORT_TEAM } from './command-port.ts';
import { EMPLOYEE, eachTeamsHarness, type TeamsHarness } from './harness.ts';

const ROOT = 'thread-1';
const real = createTestCommandPort();
let release: () => void = () => undefined;
let gate: Promise<void> | undefined;
// The real runner behind a gate when one is set: the test decides when the command finishes.
const slow: CommandPort = {
  ...real.port,
  run: async (request) => {
    if (gate !== undefined) await gate;
    return real.port.run(request);
  },
};

describe('Teams card action slower than the invoke deadline, and commands in the 1:1 chat', () => {
  let h: TeamsHarness;
  eachTeamsHarness((harness) => {
    h = harness;
  }, { commands: slow, config: { invokeDeadlineMs: 200 } });

  it('should answer the invoke in time and post the public reply in the chain when the command finishes late', async () => {
    gate = new Promise<void>((resolve) => (release = resolve));
    const answer = await sendInvoke(h.botUrl, cardAction(h.scene, { rootId: ROOT, from: EMPLOYEE, team: SUPPORT_TEAM, verb: 'heimo.claim', data: { conversationId: 'conv-1' } }), await h.token());

    expect(answer).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Working on it') } });
    expect(h.connector.thread(h.scene.channelId, ROOT)).toEqual([]);
    release();
    gate = undefined;
    const texts = await eventually(() => {
      const held = h.connector.thread(h.scene.channelId, ROOT).map((post) => post.activity['text']);
      return held.length > 0 && held;
    }, 'the late reply in the chain');
    expect(texts).toEqual(['Erin Employee took this question.']);
  });

  it('should answer in the 1:1 chat when someone types a command to Heimo there', async () => {
    const chat = 'a:1personal-erin';
    const typed = await sendActivity(
      h.botUrl,
      {
        type: 'message',
        id: '1700000000999',
        channelId: 'msteams',
        serviceUrl: h.scene.serviceUrl,
        from: EMPLOYEE,
        recipient: { id: `28:${h.appId}`, name: 'Heimo' },
        conversation: { id: chat, conversationType: 'personal', tenantId: h.scene.tenantId },
        channelData: { tenant: { id: h.scene.tenantId } },
        locale: 'en-US',
        text: 'help',
      },
      await h.token(),
    );

    expect(typed.status).toBe(200);
    const sent = [...h.connector.activities.values()].filter((held) => held.conversationId === chat);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.activity['text'])).toContain('resolve');
    expect(h.events).toEqual([]);
  });
});
