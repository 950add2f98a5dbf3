import { describe, expect, it } from 'vitest';
import { directChatId } from '../../fakes/teams/fake-connector.ts';
import { channelReply, sendActivity } from '../../fakes/teams/send-activity.ts';
import { mentionCommand } from '../../fakes/teams/send-command.ts';
import { createTestCommandPort, OTHER_TEAM, SUPPORT_TEAM } from './command-port.ts';
import { EMPLOYEE, eachTeamsHarness, type TeamsHarness } from './harness.ts';

const ROOT = 'thread-1';
const SAM = { id: '29:1sam', name: 'Sam Colleague' };
const test = createTestCommandPort();

describe('Teams bot commands typed in a card chain (@Heimo <command>, real teams-ai)', () => {
  let h: TeamsHarness;
  eachTeamsHarness((harness) => {
    h = harness;
    test.requests.length = 0;
    test.calls.length = 0;
  }, { commands: test.port });

  const type = async (command: string, options: { team?: typeof SUPPORT_TEAM; mentions?: (typeof SAM)[] } = {}) =>
    sendActivity(h.botUrl, mentionCommand(h.scene, { rootId: ROOT, from: EMPLOYEE, command, team: options.team ?? SUPPORT_TEAM, ...(options.mentions ? { mentions: options.mentions } : {}) }), await h.token());
  const chainTexts = (): unknown[] => h.connector.thread(h.scene.channelId, ROOT).map((held) => held.activity['text']);

  it('should run the command on the chain\'s card, answer in the chain and relay nothing when staff type @Heimo claim', async () => {
    const result = await type('claim');

    expect(result.status).toBe(200);
    expect(test.requests).toEqual([
      {
        platform: 'teams',
        actor: { userId: 'aad-erin', displayName: 'Erin Employee', teamIds: [SUPPORT_TEAM.id, SUPPORT_TEAM.aadGroupId], locale: 'en-US' },
        command: 'claim',
        args: {},
        channelId: h.scene.channelId,
        question: { platform: 'teams', channelId: h.scene.channelId, threadId: ROOT },
      },
    ]);
    expect(test.calls).toMatchObject([{ method: 'claim', request: { conversationId: 'conv-1' } }]);
    expect(chainTexts()).toEqual(['Erin Employee took this question.']);
    // A command is for Heimo: the customer never sees it.
    expect(h.events).toEqual([]);
  });

  it('should run a command once when Teams sends the same message again', async () => {
    const activity = mentionCommand(h.scene, { rootId: ROOT, from: EMPLOYEE, command: 'claim', team: SUPPORT_TEAM });

    await sendActivity(h.botUrl, activity, await h.token());
    const again = await sendActivity(h.botUrl, activity, await h.token());

    expect(again.status).toBe(200);
    expect(test.calls).toHaveLength(1);
  });

  it('should pass a mentioned colleague as their id when staff type @Heimo assign @Sam', async () => {
    await type(`assign <at>${SAM.name}</at>`, { mentions: [SAM] });

    expect(test.requests[0]?.args).toEqual({ user: SAM.id });
    expect(test.calls).toMatchObject([{ method: 'assign', request: { assignee: { userId: SAM.id } } }]);
    expect(h.events).toEqual([]);
  });

  it('should answer privately in a 1:1 chat and post nothing in the chain when a non-staff member types @Heimo claim', async () => {
    await type('claim', { team: OTHER_TEAM });

    expect(test.calls).toEqual([]);
    expect(chainTexts()).toEqual([]);
    const opened = h.connector.callsTo('createConversation');
    expect(opened).toMatchObject([{ body: { isGroup: false, members: [{ id: EMPLOYEE.id }], tenantId: h.scene.tenantId, bot: { id: `28:${h.appId}` } } }]);
    expect(h.connector.direct(EMPLOYEE.id).map((held) => held.activity['text'])).toEqual(['You may not use <code>claim</code>: it needs staff.']);
    expect(h.connector.callsTo('sendToConversation').map((call) => call.conversationId)).toEqual([directChatId(EMPLOYEE.id)]);
    expect(h.events).toEqual([]);
  });

  it('should still relay a reply that mentions Heimo without naming a command', async () => {
    const activity = channelReply(h.scene, {
      rootId: ROOT,
      from: EMPLOYEE,
      html: '<p><at id="0">Heimo</at> try clearing the cache</p>',
      entities: [{ type: 'mention', text: '<at>Heimo</at>', mentioned: { id: `28:${h.appId}`, name: 'Heimo' } }],
    });
    activity['text'] = '<at>Heimo</at> try clearing the cache';

    await sendActivity(h.botUrl, activity, await h.token());

    expect(test.requests).toEqual([]);
    expect(h.events).toMatchObject([{ type: 'message.posted', threadId: ROOT, text: 'try clearing the cache' }]);
  });
});
