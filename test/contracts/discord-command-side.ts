import { createDiscordBot } from '../../bots/discord/create-discord-bot.ts';
import { createLogger } from '../../core/logger.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import { createFakeDiscord, type FakeUser } from '../fakes/discord/index.ts';
import type { FakeInteraction } from '../fakes/discord/interactions.ts';
import { snowflake } from '../fakes/discord/state.ts';
import { TEST_PERMISSIONS } from '../support/command-fixtures.ts';
import { eventually } from '../support/eventually.ts';
import type { CommandPersona, CommandSide, QuestionPlace, SeenForm, SeenReply } from './command-side.ts';

/** A question asked on the Discord side: its thread (a forum post) and its message; `conversationId` is the suite's to fill. */
export type AskedQuestion = Omit<QuestionPlace, 'conversationId'>;

const YES = new Set(['true', 'yes', 'on', '1']);

/**
 * The fake Discord with the real bot as the command side of the contract suite. Personas hold the
 * Discord roles of TEST_PERMISSIONS: moderator `role-mod`, staff `role-staff`; the asker is the
 * author of the question's message, a member has no roles. Commands are run the way people do:
 * `/heimo <sub>` in the question's thread (else in the help channel), "Mark as solution" from the
 * message's context menu, and the buttons of Heimo's prompt in the thread.
 */
export async function createDiscordCommandSide(commands: CommandPort) {
  const fake = createFakeDiscord({ heartbeatIntervalMs: 1_000 });
  await fake.start();
  const { world } = fake;
  const moderator: FakeUser = { id: snowflake(), username: 'mona', global_name: 'Mona', avatar: null, discriminator: '0' };
  world.members.set(moderator.id, { user: moderator, nick: null, roles: [...TEST_PERMISSIONS.discord.moderatorRoleIds], joined_at: new Date().toISOString(), deaf: false, mute: false });
  fake.setMemberRoles(world.users.alice, [...TEST_PERMISSIONS.discord.staffRoleIds]);
  const bot = createDiscordBot({
    token: fake.token, apiUrl: fake.apiUrl, watchedChannelIds: [world.ids.help, world.ids.forum], logger: createLogger({ level: 'error' }),
    registerCommands: true, commandGuildIds: () => [world.guildId],
  });
  await bot.start(async () => ({ status: 'accepted', conversationId: 'contract' }), commands);
  await eventually(() => fake.registeredCommands().length > 0, 'the commands registered');

  const personOf = (as: CommandPersona, question?: QuestionPlace): FakeUser => {
    if (as === 'moderator') return moderator;
    if (as === 'staff') return world.users.alice;
    if (as === 'member') return world.users.carol;
    const asked = question === undefined ? undefined : fake.messagesIn(question.threadId).find((message) => message.id === question.cardMessageId);
    return asked?.author ?? world.users.bob;
  };
  // The final answer: a follow-up that replaced a deleted deferral, else the original answer.
  const seen = (interaction: FakeInteraction): Promise<SeenReply> =>
    eventually(() => {
      const last = interaction.followUps.at(-1);
      if (last !== undefined) return { text: last.content, private: last.ephemeral };
      if (interaction.originalDeleted || interaction.original === null) return undefined;
      return { text: interaction.original.content, private: interaction.original.ephemeral };
    }, `Heimo's answer to interaction ${interaction.id}`, 8_000);
  // `kb search` is the subcommand `search` of the group `kb`.
  const optionTypes = (subcommand: string): Map<string, number> => {
    const [first, second] = subcommand.split(' ');
    const top = fake.registeredCommands().find((command) => command.type === 1)?.options ?? [];
    const sub = second === undefined ? top.find((option) => option.name === first) : top.find((option) => option.name === first)?.options?.find((option) => option.name === second);
    return new Map((sub?.options ?? []).map((option) => [option.name, option.type]));
  };
  const slash = (command: string, args: Record<string, string>, as: CommandPersona, question?: QuestionPlace): FakeInteraction => {
    const types = optionTypes(command);
    // Discord's client sends a boolean option as a boolean, the rest as typed.
    const options = Object.fromEntries(Object.entries(args).map(([name, value]) => [name, types.get(name) === 5 ? YES.has(value.toLowerCase()) : value]));
    return fake.userRunsSlashCommand({ user: personOf(as, question), channelId: question?.threadId ?? world.ids.help, command: 'heimo', subcommand: command, options });
  };
  // The modal Heimo answered with, as the person fills it in and submits it.
  const formOf = async (interaction: FakeInteraction, as: CommandPersona): Promise<SeenForm> => {
    const modal = await eventually(() => interaction.modal ?? (interaction.original !== null ? 'no modal' : undefined), `a modal in answer to interaction ${interaction.id}`, 8_000);
    if (modal === 'no modal') throw new Error(`Heimo answered with a message, not a form: ${interaction.original?.content ?? ''}`);
    return {
      values: Object.fromEntries(modal.inputs.map((input) => [input.customId, input.value])),
      submit: async (changes) => seen(fake.userSubmitsModal({ user: personOf(as), channelId: interaction.channelId, interaction, values: changes })),
    };
  };

  const side: CommandSide = {
    platform: 'discord',
    async run({ command, args = {}, as, question }) {
      return seen(slash(command, args, as, question));
    },
    async markSolution({ messageId, as, question }) {
      return seen(fake.userRunsMessageCommand({ user: personOf(as, question), channelId: question.threadId, name: 'Mark as solution', messageId }));
    },
    async press({ action, as, question }) {
      const customId = `heimo:${action}:${question.conversationId}`;
      const hasButton = (components: unknown[]): boolean => (components as Array<{ components?: Array<{ custom_id?: string }> }>).some((row) => (row.components ?? []).some((button) => button.custom_id === customId));
      const existing = fake.messagesIn(question.threadId).find((message) => hasButton(message.components));
      // Discord has no card: the buttons are on Heimo's prompt in the thread, posted as the lifecycle would.
      const messageId = existing?.id ?? (await bot.delivery.postPrompt?.(
        { channelId: question.threadId, threadId: question.threadId },
        { conversationId: question.conversationId, text: 'Did this solve it?', actions: [{ command: action, label: action }], idempotencyKey: `contract-${customId}`, isRetry: false },
      ));
      if (messageId === undefined) throw new Error('the Discord bot posts no prompts');
      return seen(fake.userPressesButton({ user: personOf(as, question), channelId: question.threadId, messageId, customId }));
    },
    async addToKnowledgeBase({ messageId, as, question }) {
      return seen(fake.userRunsMessageCommand({ user: personOf(as, question), channelId: question.threadId, name: 'Add to knowledge base', messageId }));
    },
    runForm: ({ command, args = {}, as }) => formOf(slash(command, args, as), as),
    // Discord has no review cards (reviews happen in Slack or Teams): the person types the command the button runs.
    pressReview: ({ action, card, as }) => seen(slash(action, { article: card.articleId }, as)),
    pressReviewForm: ({ action, card, as }) => formOf(slash(action, { article: card.articleId }, as), as),
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
  return {
    ...side,
    fake,
    bot,
    /** A member (bob unless `author` is given) opens a forum post: the question's thread and message. */
    askQuestion(title: string, author: FakeUser = world.users.bob): AskedQuestion {
      const { thread, message } = fake.userCreatesForumPost({ forumId: world.ids.forum, title, content: title, author });
      return { channelId: thread.id, threadId: thread.id, cardMessageId: message.id };
    },
    /** The Discord user id of a persona (the asker: bob, who askQuestion's posts are by default). */
    userIdOf: (persona: CommandPersona): string => personOf(persona).id,
    /** A person writes in the question's thread (a message to mark as the solution). */
    reply(question: AskedQuestion, content: string, author: FakeUser = world.users.alice): string {
      return fake.userSends({ channelId: question.threadId, content, author }).id;
    },
  };
}

/** The Discord command side with its helpers. */
export type DiscordCommandSide = Awaited<ReturnType<typeof createDiscordCommandSide>>;
