import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SatisfactionConfig } from '../../../core/domain/network.ts';
import type { Network } from '../../e2e/network-harness.ts';
import type { FakeInteraction, FakeMessage, FakeUser } from '../../fakes/discord/index.ts';
import { discordButtons } from '../../support/discord-buttons.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { startSurveyNetwork, type SurveySlack } from './survey-network.ts';

// Satisfaction surveys on a real Heimo (real database and job system: PGlite and the PostgreSQL
// queue backend by default, PostgreSQL and Redis with DATABASE_URL and REDIS_URL), between the
// Discord and Slack stand-ins: a solved question's asker gets five buttons in its thread after the
// delay; only their click counts, a later one changes it; a reopen within the delay, the cooldown,
// a sample of 0 and a community that switched surveys off each mean no survey.

const SURVEY_TEXT = 'How did we do? Rate the help you got';
const DAY = 86_400_000;
// The community's satisfaction section, changed between tests as a reload of the network file would.
const survey: SatisfactionConfig = { enabled: true, sampleRate: 1, cooldownMs: 30 * DAY, delayMs: 200 };

describe('satisfaction surveys', () => {
  let net: Network;
  let slack: SurveySlack;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ net, slack, close } = await startSurveyNetwork(() => ({ satisfaction: survey })));
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  const user = (name: 'bob' | 'carol'): FakeUser => net.discord.world.users[name];
  const answerTo = (interaction: FakeInteraction, what: string) => eventually(() => interaction.original ?? interaction.followUps.at(-1), what);
  const slash = (name: 'bob' | 'carol', threadId: string, subcommand: string) =>
    answerTo(net.discord.userRunsSlashCommand({ user: user(name), channelId: threadId, command: 'heimo', subcommand }), `the answer to /heimo ${subcommand}`);
  const conversationOf = async (threadId: string): Promise<string> =>
    (await eventually(async () => (await net.db.prisma.threadLink.findFirst({ where: { platform: 'discord', threadId } })) ?? undefined, 'the question recorded')).conversationId;
  const statusOf = async (conversationId: string) => (await net.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status;
  const surveyPost = (threadId: string): FakeMessage | undefined => net.discord.messagesIn(threadId).find((message) => message.content.startsWith(SURVEY_TEXT));
  const surveyTimer = (conversationId: string) => net.db.prisma.timer.findUnique({ where: { key: `satisfaction.ask:${conversationId}` } });

  // The asker asks, an employee answers on Slack, the asker marks it solved with /heimo resolve.
  const solvedQuestion = async (asker: 'bob' | 'carol', text: string): Promise<{ threadId: string; conversationId: string; cardId: string }> => {
    const { threadId, cardId } = await net.ask(text, asker);
    const conversationId = await conversationOf(threadId);
    await slack.reply(cardId, 'Restart the sync service, then sign in again.');
    await eventually(() => net.relayedToDiscord(threadId).some((message) => message.content.includes('Restart the sync service')), 'the answer in the Discord thread');
    expect((await slash(asker, threadId, 'resolve')).ephemeral).toBe(false);
    await eventually(async () => (await statusOf(conversationId)) === 'resolved' || undefined, 'the question resolved');
    return { threadId, conversationId, cardId };
  };
  const nothingAsked = async (threadId: string, conversationId: string): Promise<void> => {
    expect(surveyPost(threadId)).toBeUndefined();
    expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toBeNull();
    expect(await net.db.prisma.outboxEntry.count({ where: { conversationId, kind: 'prompt.post' } })).toBe(0);
  };

  it('should post five rating buttons, count only the asker and let them change their score when their question is solved', async () => {
    const { threadId, conversationId, cardId } = await solvedQuestion('bob', 'My calendar sync stopped working yesterday');
    const notes = () => slack.threadPosts(cardId).map((posted) => posted.text).filter((text) => text.startsWith('The asker'));
    const post = await eventually(() => surveyPost(threadId), 'the survey in the Discord thread', 20_000);
    expect(post.author.id).toBe(net.discord.world.botUser.id);
    expect(post.content).toBe(SURVEY_TEXT);
    const buttons = discordButtons(post);
    expect(buttons.map(({ label, custom_id }) => ({ label, custom_id }))).toEqual(
      ['1 😞', '2 🙁', '3 😐', '4 🙂', '5 😄'].map((label, index) => ({ label, custom_id: `heimo:rate:${conversationId}:score=${index + 1}` })),
    );
    expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toMatchObject({
      communityId: 'acme', askerPlatform: 'discord', askerUserId: user('bob').id, askedAt: expect.any(Date), score: null, ratedAt: null,
    });
    const press = (name: 'bob' | 'carol', score: number) =>
      answerTo(net.discord.userPressesButton({ user: user(name), channelId: threadId, messageId: post.id, customId: buttons[score - 1]?.custom_id ?? '' }), `the answer to ${name}'s ${score}`);
    const rated = () => net.db.prisma.domainEvent.findMany({ where: { conversationId, type: 'satisfaction.rated' }, orderBy: { createdAt: 'asc' } });

    // Bob asked: his 4 is recorded, privately thanked, and published.
    const thanked = await press('bob', 4);
    expect(thanked).toMatchObject({ ephemeral: true, content: 'Thanks, you rated this 4/5.' });
    expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toMatchObject({ score: 4, ratedAt: expect.any(Date) });
    expect((await rated()).map((event) => event.payload)).toEqual([
      expect.objectContaining({ type: 'satisfaction.rated', communityId: 'acme', conversationId, asker: { platform: 'discord', userId: user('bob').id }, score: 4, previousScore: null }),
    ]);

    // Carol did not ask: she is told privately, and the score stays.
    const refused = await press('carol', 1);
    expect(refused).toMatchObject({ ephemeral: true, content: 'Only the person who asked this question can rate it.' });
    expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toMatchObject({ score: 4 });
    expect(await rated()).toHaveLength(1);
    // The team hears Bob's score in the card's thread (Carol's refused press adds nothing).
    expect(await eventually(() => (notes().length > 0 ? notes() : undefined), 'the rating in the card thread')).toEqual(['The asker rated the help 4/5.']);

    // Bob changes his mind: the same row, the earlier score on the event.
    expect(await press('bob', 5)).toMatchObject({ ephemeral: true, content: 'Thanks, you rated this 5/5 (it was 4/5).' });
    expect(await net.db.prisma.satisfactionSurvey.findMany({ where: { conversationId } })).toEqual([expect.objectContaining({ score: 5 })]);
    expect((await rated()).map((event) => event.payload)).toEqual([expect.objectContaining({ score: 4, previousScore: null }), expect.objectContaining({ score: 5, previousScore: 4 })]);
    expect(await eventually(() => (notes().length > 1 ? notes() : undefined), 'the changed rating in the card thread')).toEqual(['The asker rated the help 4/5.', 'The asker changed their rating to 5/5 (it was 4/5).']);
    // Only one survey was posted.
    expect(net.discord.messagesIn(threadId).filter((message) => message.content.startsWith(SURVEY_TEXT))).toHaveLength(1);
  });

  it('should not ask the same asker again when their next question is solved within the cooldown', async () => {
    const { threadId, conversationId } = await solvedQuestion('bob', 'The export button is greyed out');
    await settle(1_500);
    expect(await surveyTimer(conversationId)).toBeNull();
    await nothingAsked(threadId, conversationId);
  });

  it('should post no survey and refuse a typed rating when the asker reopens the question before the delay', async () => {
    survey.delayMs = 3_000;
    try {
      const { threadId, conversationId } = await solvedQuestion('carol', 'My invoices page shows nothing');
      // The survey was planned...
      await eventually(async () => (await surveyTimer(conversationId)) ?? undefined, 'the survey timer set');
      expect((await slash('carol', threadId, 'reopen')).ephemeral).toBe(false);
      expect(await statusOf(conversationId)).not.toBe('resolved');
      // ...and its timer fires into a question no longer solved.
      await eventually(async () => (await surveyTimer(conversationId)) === null || undefined, 'the survey timer fired', 20_000);
      await settle(500);
      await nothingAsked(threadId, conversationId);
      // Typed while the question is open again: refused, nothing recorded.
      const typed = await answerTo(net.discord.userRunsSlashCommand({ user: user('carol'), channelId: threadId, command: 'heimo', subcommand: 'rate', options: { score: '5' } }), 'the answer to /heimo rate');
      expect(typed).toMatchObject({ ephemeral: true, content: 'This question is not solved: rate it once it is.' });
      expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toBeNull();
    } finally {
      survey.delayMs = 200;
    }
  });

  it('should post no survey when the community samples none of its questions', async () => {
    survey.sampleRate = 0;
    try {
      const { threadId, conversationId } = await solvedQuestion('carol', 'The mobile app logs me out every hour');
      await settle(1_500);
      expect(await surveyTimer(conversationId)).toBeNull();
      await nothingAsked(threadId, conversationId);
    } finally {
      survey.sampleRate = 1;
    }
  });

  it('should post no survey and refuse a typed rating when the community switched surveys off', async () => {
    survey.enabled = false;
    try {
      const { threadId, conversationId } = await solvedQuestion('carol', 'Two-factor codes arrive late');
      await settle(1_500);
      expect(await surveyTimer(conversationId)).toBeNull();
      await nothingAsked(threadId, conversationId);
      const typed = await answerTo(net.discord.userRunsSlashCommand({ user: user('carol'), channelId: threadId, command: 'heimo', subcommand: 'rate', options: { score: '5' } }), 'the answer to /heimo rate');
      expect(typed).toMatchObject({ ephemeral: true, content: 'Satisfaction surveys are off here.' });
      expect(await net.db.prisma.satisfactionSurvey.findUnique({ where: { conversationId } })).toBeNull();
    } finally {
      survey.enabled = true;
    }
  });
});
