import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordApi } from '../../../bots/discord/api.ts';
import { registerGuildCommands } from '../../../bots/discord/register-commands.ts';
import { COMMAND_GROUPS, COMMANDS } from '../../../core/commands/index.ts';
import { translator, type MessageKey } from '../../../core/i18n/index.ts';
import { answerOf, MODERATOR_ROLE, startCommandHarness, type CommandHarness } from './command-harness.ts';
import { waitFor } from './harness.ts';

describe('Discord commands against the fake', () => {
  let h: CommandHarness;
  let threadId: string;
  let questionMessageId: string;

  beforeAll(async () => {
    h = await startCommandHarness({ deferAfterMs: 400 });
    // Bob asks in the forum: the post is the question's thread, bob its asker.
    const { thread, message } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Login fails', content: 'It says 403', author: h.fake.world.users.bob });
    threadId = thread.id;
    questionMessageId = message.id;
    h.useQuestionThread(threadId);
    await waitFor(() => h.fake.registeredCommands().length > 0, 'commands registered at start');
  });
  afterAll(async () => {
    await h.close();
  });

  it('should register /heimo with a subcommand per command, the kb group, Mark as solution and Add to knowledge base when the bot starts', () => {
    const [root, ...menus] = h.fake.registeredCommands();
    expect(root).toMatchObject({ type: 1, name: 'heimo' });
    const subs = root?.options ?? [];
    // kb-accept is a button only ("This solved it" under suggestions): never registered.
    expect(subs.map((sub) => sub.name)).toEqual(['help', 'status', 'claim', 'assign', 'resolve', 'reopen', 'close', 'move', 'onduty', 'queue', 'deliveries', 'stats', 'privacy', 'kb', 'link', 'unlink', 'leaderboard', 'profile', 'credit', 'tier', 'rate']);
    expect(subs.map((sub) => sub.type)).toEqual([...Array(13).fill(1), 2, 1, 1, 1, 1, 2, 2, 1]);
    const sub = (name: string) => subs.find((item) => item.name === name);
    // Satisfaction: `rate <score>` (the survey's buttons run it), the score required text.
    expect(sub('rate')?.options?.map((option) => [option.name, option.type, option.required])).toEqual([['score', 3, true], ['question', 3, false]]);
    expect(sub('status')).toMatchObject({ description: "Show this question's status, owner and clocks", description_localizations: { fi: expect.any(String) } });
    expect(sub('status')?.description_localizations?.['fi']).not.toBe(sub('status')?.description);
    // user is a USER option (6) and required, so it comes before the optional question.
    expect(sub('assign')?.options?.map((option) => [option.name, option.type, option.required])).toEqual([['user', 6, true], ['question', 3, false]]);
    expect(sub('onduty')?.options?.[0]).toMatchObject({ name: 'on', type: 5 });
    // Issue 11: `credit give|revoke|flags`, the person a USER option.
    expect(sub('credit')?.options?.map((option) => option.name)).toEqual(['give', 'revoke', 'flags']);
    expect(sub('credit')?.options?.[0]?.options?.map((option) => [option.name, option.type, option.required])).toEqual([['user', 6, true], ['points', 3, true], ['reason', 3, true]]);
    expect(sub('deliveries')?.options?.[0]).toMatchObject({ name: 'action', type: 3, required: true, choices: [{ name: 'list', value: 'list' }, { name: 'retry', value: 'retry' }] });
    expect(sub('privacy')?.options?.map((option) => [option.name, option.type, option.required])).toEqual([['action', 3, false], ['on', 5, false], ['confirm', 5, false]]);
    expect(sub('privacy')?.options?.[0]?.choices?.map((choice) => choice.value)).toEqual(['show', 'name', 'index', 'board', 'forget']);
    expect(menus).toEqual([
      expect.objectContaining({ type: 3, name: 'Mark as solution', description: '', name_localizations: { fi: 'Merkitse ratkaisuksi' } }),
      expect.objectContaining({ type: 3, name: 'Add to knowledge base', description: '', name_localizations: { fi: 'Lisää tietopankkiin' } }),
    ]);
  });

  it('should keep the same commands when they are registered again', async () => {
    const before = h.fake.registeredCommands();
    const api = createDiscordApi(new REST({ api: h.fake.apiUrl, retries: 0 }).setToken(h.fake.token));
    const commands = { definitions: COMMANDS, groups: COMMAND_GROUPS, text: (key: MessageKey, locale?: string) => translator(locale)(key) };
    await registerGuildCommands({ api, applicationId: h.fake.world.applicationId, guildIds: [h.fake.world.guildId, h.fake.world.guildId], commands });
    const after = h.fake.registeredCommands();
    expect(after.map((command) => [command.id, command.name])).toEqual(before.map((command) => [command.id, command.name]));
    expect(h.fake.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/commands'))).toHaveLength(2);
  });

  it('should hand the runner the thread as the question and answer privately when a member asks for status in the thread', async () => {
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: threadId, command: 'heimo', subcommand: 'status', locale: 'fi' });
    const answer = await answerOf(interaction);
    expect(answer.private).toBe(true);
    expect(answer.text).toContain('Login fails');
    expect(interaction.callbacks).toEqual([4]);
    expect(h.requests.at(-1)).toEqual({
      platform: 'discord', guildId: h.fake.world.guildId, command: 'status', args: {}, channelId: threadId,
      actor: { userId: h.fake.world.users.carol.id, displayName: 'carol', roleIds: [], locale: 'fi' },
      question: { platform: 'discord', channelId: threadId, threadId },
    });
  });

  it('should pass typed options and the member roles when staff assign someone', async () => {
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.alice, channelId: threadId, command: 'heimo', subcommand: 'assign', options: { user: h.fake.world.users.carol.id } });
    const answer = await answerOf(interaction);
    expect(answer).toEqual({ text: `Alice from Acme gave this question to name-of-${h.fake.world.users.carol.id}.`, private: false });
    expect(h.requests.at(-1)?.args).toEqual({ user: h.fake.world.users.carol.id });
    expect(h.requests.at(-1)?.actor.roleIds).toEqual([h.fake.world.roles.staff.id]);
    // A public answer is a message in the thread.
    expect(h.fake.messagesIn(threadId).some((message) => message.content === answer.text)).toBe(true);
  });

  it('should answer privately that it is not allowed when a member without roles claims', async () => {
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: threadId, command: 'heimo', subcommand: 'claim' });
    const answer = await answerOf(interaction);
    expect(answer.private).toBe(true);
    expect(answer.text).toMatch(/claim/);
    expect(h.calls.some((call) => call.method === 'claim')).toBe(false);
  });

  it('should defer and then edit the answer when the service takes longer than Discord waits', async () => {
    h.slowNextRun(3_500);
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.alice, channelId: threadId, command: 'heimo', subcommand: 'claim' });
    const answer = await answerOf(interaction, 8_000);
    expect(interaction.callbacks).toEqual([5]);
    expect(interaction.deferredEphemeral).toBe(false);
    expect(answer).toEqual({ text: 'Alice from Acme took this question.', private: false });
  });

  it('should defer privately and edit the answer when a slow command answers privately', async () => {
    h.slowNextRun(900);
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: threadId, command: 'heimo', subcommand: 'status' });
    const answer = await answerOf(interaction);
    expect(interaction.callbacks).toEqual([5]);
    expect(interaction.deferredEphemeral).toBe(true);
    expect(interaction.originalDeleted).toBe(false);
    expect(answer.private).toBe(true);
    expect(answer.text).toContain('Login fails');
  });

  it('should replace a public deferral with a private answer when a slow run is refused', async () => {
    h.slowNextRun(900);
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: threadId, command: 'heimo', subcommand: 'move', options: { team: 'billing' } });
    const answer = await answerOf(interaction);
    expect(interaction.callbacks).toEqual([5]);
    expect(interaction.originalDeleted).toBe(true);
    expect(answer.private).toBe(true);
    expect(h.calls.some((call) => call.method === 'move')).toBe(false);
  });

  it('should open a form as a modal when it comes in time, and say how to type it when it comes after the deferral', async () => {
    const alice = h.fake.world.users.alice;
    const quick = h.fake.userRunsSlashCommand({ user: alice, channelId: h.fake.world.ids.help, command: 'heimo', subcommand: 'kb add' });
    await waitFor(() => quick.modal ?? undefined, 'the modal');
    expect(quick.callbacks).toEqual([9]);
    expect(quick.modal).toMatchObject({ customId: 'heimo-form:kb add', title: 'New article' });
    expect(quick.modal?.inputs.map((input) => [input.customId, input.style, input.required])).toEqual([['title', 1, true], ['question', 2, true], ['answer', 2, true], ['tags', 1, false]]);

    h.slowNextRun(900);
    const late = h.fake.userRunsSlashCommand({ user: alice, channelId: h.fake.world.ids.help, command: 'heimo', subcommand: 'kb add' });
    const answer = await answerOf(late);
    expect(late.callbacks).toEqual([5]);
    expect(late.modal).toBeNull();
    expect(answer.private).toBe(true);
    expect(answer.text).toContain('kb add title=');
  });

  it('should resolve with the target message when the asker uses Mark as solution', async () => {
    const reply = h.fake.userSends({ channelId: threadId, content: 'Clear your cookies', author: h.fake.world.users.alice });
    const interaction = h.fake.userRunsMessageCommand({ user: h.fake.world.users.bob, channelId: threadId, name: 'Mark as solution', messageId: reply.id });
    const answer = await answerOf(interaction);
    expect(answer.private).toBe(false);
    expect(h.requests.at(-1)).toMatchObject({ command: 'mark-solution', targetMessage: { platform: 'discord', channelId: threadId, messageId: reply.id, authorId: h.fake.world.users.alice.id } });
    expect(h.calls.at(-1)).toMatchObject({ method: 'resolve', request: { conversationId: 'conv-1', solution: { messageId: reply.id } } });
    expect(questionMessageId).toBe(threadId);
  });

  it('should run the button command on the conversation when the asker presses a prompt button', async () => {
    const statusDelivery = h.bot.delivery;
    const promptId = await statusDelivery.postPrompt?.({ channelId: threadId, threadId }, {
      conversationId: 'conv-1', text: 'Did this solve it?', actions: [{ command: 'reopen', label: 'Still need help' }], idempotencyKey: 'prompt-1', isRetry: false,
    });
    expect(promptId).toBeDefined();
    const interaction = h.fake.userPressesButton({ user: h.fake.world.users.bob, channelId: threadId, messageId: promptId ?? '', customId: 'heimo:reopen:conv-1' });
    await answerOf(interaction);
    expect(h.requests.at(-1)).toMatchObject({ command: 'reopen', question: { conversationId: 'conv-1' } });
    expect(h.calls.at(-1)).toMatchObject({ method: 'reopen', request: { conversationId: 'conv-1' } });
    // discord.js builds its own interaction objects from the same dispatches: none of them broke it.
    expect(h.logs.filter((line) => String(line['msg']).includes('gateway event'))).toEqual([]);
  });

  it('should let a moderator list dead deliveries when their role is a moderator role', async () => {
    h.fake.setMemberRoles(h.fake.world.users.carol, [MODERATOR_ROLE]);
    const interaction = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: h.fake.world.ids.help, command: 'heimo', subcommand: 'deliveries', options: { action: 'list' } });
    const answer = await answerOf(interaction);
    expect(answer.private).toBe(true);
    expect(h.requests.at(-1)).not.toHaveProperty('question');
    h.fake.setMemberRoles(h.fake.world.users.carol, []);
  });

  it('should answer an error and keep working when an interaction is malformed', async () => {
    h.fake.dispatchRaw('INTERACTION_CREATE', { id: 'not-a-snowflake', type: 2 });
    h.fake.dispatchRaw('INTERACTION_CREATE', null);
    // Answerable (an id and a token) but its data is nonsense: Heimo says privately that it failed.
    const broken = h.fake.userSendsRawInteraction({ user: h.fake.world.users.carol, channelId: threadId, type: 2, data: { name: 'heimo', type: 1, options: 'nope' } });
    expect(await answerOf(broken)).toEqual({ text: translator('en')('error.failed'), private: true });
    await waitFor(() => h.logs.some((line) => line['msg'] === 'discord: malformed interaction'), 'the malformed interaction logged');
    const still = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: threadId, command: 'heimo', subcommand: 'help' });
    expect((await answerOf(still)).text).toContain('status');
    expect(h.bot.health().ok).toBe(true);
    // Interaction tokens are credentials for 15 minutes: never logged.
    expect(JSON.stringify(h.logs)).not.toContain(broken.token);
  });
});

describe('Discord commands when Discord stops waiting', () => {
  it('should log the expired interaction and keep answering when the first answer comes too late', async () => {
    // Discord's window shrunk below the bot's deferral time: the deferral itself is late.
    const h = await startCommandHarness({ deferAfterMs: 300, interactionWindowMs: 100 });
    try {
      await waitFor(() => h.fake.registeredCommands().length > 0, 'commands registered at start');
      h.slowNextRun(600);
      const late = h.fake.userRunsSlashCommand({ user: h.fake.world.users.carol, channelId: h.fake.world.ids.help, command: 'heimo', subcommand: 'help' });
      await waitFor(() => h.logs.some((line) => line['msg'] === 'discord: interaction expired before Heimo answered'), 'the expiry logged');
      expect(late.callbacks).toEqual([]);
      expect(h.bot.health().ok).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('should start and relay anyway when Discord refuses to register the commands', async () => {
    const h = await startCommandHarness({ beforeStart: (fake) => fake.failNext('PUT /applications/', { status: 403, code: 50001, message: 'Missing Access' }) });
    try {
      expect(h.fake.registeredCommands()).toEqual([]);
      expect(h.logs.some((line) => line['msg'] === 'discord: could not register the commands')).toBe(true);
      expect(h.bot.health().ok).toBe(true);
    } finally {
      await h.close();
    }
  });
});
