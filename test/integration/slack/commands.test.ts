import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testArticle } from '../../support/knowledge-doubles.ts';
import { sendSignedRequest, sendSlashCommand } from '../../fakes/slack/sign.ts';
import { cardView, SIGNING_SECRET, waitFor } from './harness.ts';
import { CARDS, type CommandHarness, PEOPLE, responseTo, STAFF_CHANNEL, startCommandHarness } from './command-world.ts';

const commandsUrl = (h: CommandHarness): string => h.eventsUrl.replace(/\/slack\/events$/, '/slack/commands');
const interactionsUrl = (h: CommandHarness): string => h.eventsUrl.replace(/\/slack\/events$/, '/slack/interactions');

describe('slack /heimo over HTTP', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await startCommandHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('should hand the queue to the runner with the channel and answer privately through response_url when staff runs it', async () => {
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'queue' });

    expect(sent.status).toBe(200);
    const response = await responseTo(h, sent.responseId);
    expect(response['response_type']).toBe('ephemeral');
    expect(String(response['text'])).toContain('Open questions of Support');
    expect(h.commands.calls).toEqual([{ method: 'queue', request: expect.objectContaining({ communityId: 'acme', channelId: CARDS, person: expect.objectContaining({ platform: 'slack', userId: PEOPLE.staff.id }) }) }]);
    expect(h.commands.requests[0]?.actor).toMatchObject({ userId: PEOPLE.staff.id, displayName: 'Stan', userGroupIds: ['S-support'], locale: 'en-US' });
  });

  it('should read options, a mention and a linked question when Slack escapes them', async () => {
    const moved = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'move billing <https://heimo.example/q/conv-1|the card>' });
    const assigned = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'assign <@U0BOB|bob> question=conv-1' });

    expect(await responseTo(h, moved.responseId)).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Billing') });
    expect(await responseTo(h, assigned.responseId)).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('name-of-U0BOB') });
    expect(h.commands.calls.map((call) => call.method)).toEqual(['move', 'assign']);
    expect(h.commands.calls[0]?.request).toMatchObject({ conversationId: 'conv-1', team: 'billing' });
    expect(h.commands.calls[1]?.request).toMatchObject({ conversationId: 'conv-1', assignee: { platform: 'slack', userId: 'U0BOB' } });
  });

  it("should answer in the person's Slack locale when Heimo speaks it", async () => {
    const finnish = await h.fake.userRunsCommand({ user: PEOPLE.finnishStaff.id, channel: CARDS, text: 'help' });
    const english = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'help' });

    expect(String((await responseTo(h, finnish.responseId))['text'])).toContain('*Heimon komennot*');
    expect(String((await responseTo(h, english.responseId))['text'])).toContain('*Heimo commands*');
  });

  it('should acknowledge within 3 seconds and answer later when the services are slow', async () => {
    h.commands.delayMs = 3_500;
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'queue' });

    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(1_000);
    expect(h.fake.responses).toEqual([]);
    expect(String((await responseTo(h, sent.responseId))['text'])).toContain('Support');
  });

  it('should open a form as a modal while the trigger is valid, and answer how to type it when the trigger expired', async () => {
    h.commands.articles.set('a1', testArticle({ id: 'a1', title: 'Reset your password' }));
    const quick = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'kb edit a1' });
    const view = await waitFor(() => h.fake.views[0], 'the modal');
    expect(view).toMatchObject({ user: PEOPLE.staff.id, title: 'Edit article' });
    expect(view.inputs.find((input) => input.actionId === 'title')?.initialValue).toBe('Reset your password');
    expect(h.fake.responses.find((response) => response.id === quick.responseId)).toBeUndefined();

    // Slack's trigger lasts 3 seconds: a slower command can only say how to do it by typing.
    h.commands.delayMs = 3_100;
    const late = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'kb edit a1' });
    expect(String((await responseTo(h, late.responseId))['text'])).toContain('kb edit a1 title=');
    expect(h.fake.views).toHaveLength(1);
    expect(h.fake.callsTo('views.open').at(-1)?.error).toBe('expired_trigger_id');
  });

  it('should refuse privately and call no service when a member runs a staff command', async () => {
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.member.id, channel: CARDS, text: 'claim conv-1' });

    const response = await responseTo(h, sent.responseId);
    expect(response['response_type']).toBe('ephemeral');
    expect(String(response['text'])).toContain('You may not use `claim`');
    expect(h.commands.calls).toEqual([]);
    expect(h.commands.audits.at(-1)).toMatchObject({ command: 'claim', outcome: 'denied', actorId: PEOPLE.member.id });
  });

  it('should count a staff channel only when the person is a member and runs the command there', async () => {
    const there = await h.fake.userRunsCommand({ user: PEOPLE.channelStaff.id, channel: STAFF_CHANNEL, text: 'onduty on=yes' });
    const elsewhere = await h.fake.userRunsCommand({ user: PEOPLE.channelStaff.id, channel: CARDS, text: 'onduty on=yes' });
    const outsider = await h.fake.userRunsCommand({ user: PEOPLE.member.id, channel: STAFF_CHANNEL, text: 'onduty on=yes' });

    expect(String((await responseTo(h, there.responseId))['text'])).toContain('You are on duty');
    expect(String((await responseTo(h, elsewhere.responseId))['text'])).toContain('You may not use `onduty`');
    expect(String((await responseTo(h, outsider.responseId))['text'])).toContain('You may not use `onduty`');
    expect(h.commands.calls.map((call) => call.method)).toEqual(['onDuty']);
  });

  it('should refuse a command carrying a thread in the fake when Slack offers none there', () => {
    expect(() => h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'status', threadTs: '1.000001' })).toThrow(/threads/);
  });

  it('should refuse unsigned and malformed posts with 401 and 400 and keep serving when they arrive', async () => {
    const fields = { command: '/heimo', text: 'help', user_id: PEOPLE.staff.id, channel_id: CARDS, response_url: 'http://127.0.0.1:9/x' };
    const unsigned = await sendSlashCommand(commandsUrl(h), fields, SIGNING_SECRET, { badSignature: true });
    const notJson = await sendSignedRequest(interactionsUrl(h), 'payload=%7Bnot-json', 'application/x-www-form-urlencoded', SIGNING_SECRET);
    const nullPayload = await sendSignedRequest(interactionsUrl(h), 'payload=null', 'application/x-www-form-urlencoded', SIGNING_SECRET);
    const noButton = await sendSignedRequest(interactionsUrl(h), `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'heimo_claim' }] }))}`, 'application/x-www-form-urlencoded', SIGNING_SECRET);

    const noMessage = await sendSignedRequest(interactionsUrl(h), `payload=${encodeURIComponent(JSON.stringify({ type: 'message_action', callback_id: 'heimo_claim' }))}`, 'application/x-www-form-urlencoded', SIGNING_SECRET);

    expect([unsigned.status, notJson.status, nullPayload.status]).toEqual([401, 400, 400]);
    // Well-formed enough for Bolt but placing no card: acknowledged (Slack would resend the same) and skipped.
    expect([noButton.status, noMessage.status]).toEqual([200, 200]);
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'help' });
    expect(String((await responseTo(h, sent.responseId))['text'])).toContain('Heimo commands');
    expect(h.commands.calls).toEqual([]);
  });
});

describe('slack card buttons and message shortcuts over HTTP', () => {
  let h: CommandHarness;
  let cardTs: string;
  let replyTs: string;
  beforeEach(async () => {
    h = await startCommandHarness();
    const actions = [{ command: 'claim', label: 'Claim' }, { command: 'resolve', label: 'Resolve', style: 'primary' as const }];
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CARDS }, cardView({ actions }));
    cardTs = card.cardMessageId;
    h.commands.threads.add(cardTs);
    replyTs = (await h.fake.userPosts({ channel: CARDS, user: 'U0ALICE', text: 'Try clearing the cache', threadTs: cardTs })).ts;
  });
  afterEach(async () => {
    await h.close();
  });

  it("should run the button's command on the card's question and answer in its thread when staff press it", async () => {
    const pressed = await h.fake.userPresses({ user: PEOPLE.staff.id, channel: CARDS, messageTs: cardTs, actionId: 'heimo_claim' });

    expect(pressed.status).toBe(200);
    await waitFor(() => h.commands.calls.length === 1, 'the claim');
    expect(h.commands.calls[0]).toEqual({ method: 'claim', request: { conversationId: 'conv-1', actor: { kind: 'person', platform: 'slack', userId: PEOPLE.staff.id, displayName: 'Stan' } } });
    expect(h.commands.requests[0]?.question).toEqual({ conversationId: 'conv-1' });
    const answer = await waitFor(() => h.fake.thread(CARDS, cardTs).find((message) => message.botId !== undefined && message.ts !== cardTs), 'the public answer');
    expect(answer.text).toContain('Stan took this question');
  });

  it('should answer privately in the thread when a member presses a staff button', async () => {
    await h.fake.userPresses({ user: PEOPLE.member.id, channel: CARDS, messageTs: cardTs, actionId: 'heimo_claim' });

    const shown = await waitFor(() => h.fake.ephemerals[0], 'the ephemeral');
    expect(shown).toMatchObject({ user: PEOPLE.member.id, channel: CARDS, threadTs: cardTs, text: expect.stringContaining('You may not use `claim`') });
    expect(h.commands.calls).toEqual([]);
  });

  it.each([
    ['heimo_claim', 'claim'],
    ['heimo_resolve', 'resolve'],
    ['heimo_reopen', 'reopen'],
    ['heimo_close', 'close'],
  ])('should run %s on the question of the thread when staff use it on a reply', async (callbackId, method) => {
    const sent = await h.fake.userShortcut({ user: PEOPLE.staff.id, channel: CARDS, messageTs: replyTs, callbackId });

    expect(sent.status).toBe(200);
    await waitFor(() => h.commands.calls.length === 1, `the ${method}`);
    expect(h.commands.calls[0]).toMatchObject({ method, request: { conversationId: 'conv-1' } });
    expect(h.commands.requests[0]).toMatchObject({ question: { platform: 'slack', channelId: CARDS, threadId: cardTs } });
    expect(h.commands.requests[0]?.targetMessage).toBeUndefined();
  });

  it('should resolve with the reply as the solution when staff mark it', async () => {
    await h.fake.userShortcut({ user: PEOPLE.staff.id, channel: CARDS, messageTs: replyTs, callbackId: 'heimo_mark_solution' });

    await waitFor(() => h.commands.calls.length === 1, 'the resolve');
    expect(h.commands.calls[0]).toMatchObject({
      method: 'resolve',
      request: { conversationId: 'conv-1', solution: { platform: 'slack', channelId: CARDS, messageId: replyTs, authorId: 'U0ALICE' } },
    });
    const answer = await waitFor(() => h.fake.thread(CARDS, cardTs).find((message) => message.botId !== undefined && message.ts !== cardTs), 'the public answer');
    expect(answer.text).toContain('marked a message as the solution');
  });

  it('should answer privately that there is no question when a shortcut is used outside a card thread', async () => {
    const loose = (await h.fake.userPosts({ channel: CARDS, user: 'U0ALICE', text: 'unrelated' })).ts;
    await h.fake.userShortcut({ user: PEOPLE.staff.id, channel: CARDS, messageTs: loose, callbackId: 'heimo_resolve' });

    const shown = await waitFor(() => h.fake.ephemerals[0], 'the ephemeral');
    expect(shown.text).toContain('No question found');
    expect(h.commands.calls).toEqual([]);
  });
});

describe('slack commands at stop', () => {
  it('should still answer an acknowledged command when the bot stops while it runs', async () => {
    const h = await startCommandHarness();
    h.commands.delayMs = 500;
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'queue' });

    await h.close();

    expect(sent.status).toBe(200);
    expect(h.fake.responses.map((response) => response.id)).toEqual([sent.responseId]);
  });
});
