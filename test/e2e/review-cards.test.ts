import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSlackEnv } from '../../bots/slack/config.ts';
import { createSlackBot } from '../../bots/slack/create-slack-bot.ts';
import { readTeamsEnv } from '../../bots/teams/config.ts';
import { createTeamsBot } from '../../bots/teams/create-teams-bot.ts';
import { createCommandRegistry } from '../../core/commands/index.ts';
import type { Destination } from '../../core/domain/types.ts';
import { createLogger } from '../../core/logger.ts';
import { createDeliveryWorker, createSqlOutboxStore, type DeliveryWorker } from '../../core/outbox/index.ts';
import type { Bot } from '../../core/ports/bot.ts';
import type { CommandPort, CommandRequest } from '../../core/ports/commands.ts';
import type { EmployeeDelivery } from '../../core/ports/delivery.ts';
import { serveBot } from '../contracts/card-places.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { TEAMS_PERSONAS } from '../contracts/teams-command-side.ts';
import { createTeamsSide, type TeamsSide } from '../contracts/teams-side.ts';
import { cardAction } from '../fakes/teams/send-command.ts';
import { askQuestion, ANN, captureNetwork, captureWorld, HELPER, say, type CaptureWorld } from '../integration/knowledge/capture-world.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { createTestQueues } from '../support/queue.ts';

const MO = { kind: 'person' as const, platform: 'slack' as const, userId: 'U-mo', displayName: 'Mo Moderator' };

// The command port the bots hand presses to: records them (kb-commands' handlers run behind the real one).
function recordingCommands(): CommandPort & { requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  const registry = createCommandRegistry();
  return {
    requests,
    definitions: registry.definitions,
    groups: registry.groups,
    text: () => '',
    run: async (request) => {
      requests.push(request);
      return { visibility: 'private', text: 'Noted.' };
    },
  };
}

/** A resolved question whose questions go to `support` and whose drafts are reviewed in `review`, delivered by `bot`. */
async function reviewWorld(review: Destination, support: Destination, bot: Bot<EmployeeDelivery>) {
  const db: TestDatabase = await createTestDatabase();
  const world: CaptureWorld = captureWorld(db, captureNetwork({ reviewChannel: review }, support));
  const queues = await createTestQueues(db);
  const worker: DeliveryWorker = createDeliveryWorker({
    exclusive: db.kind === 'pglite' && queues.kind === 'postgres',
    store: createSqlOutboxStore(db),
    queues,
    deliveries: { [review.platform]: bot.delivery },
    communityName: () => 'Acme',
    reviews: world.reviews,
    logger: createLogger({ level: 'silent' }),
    sweepIntervalMs: 200,
  });
  await worker.start();
  // A community member's answer, accepted by the asker: only the review card goes to the review platform.
  const question = await askQuestion(db, world, 'Export fails with error 42\nThe export stops when the report has images.', support);
  const answer = await say(world, question, 'discord', HELPER, 'Turn off image compression under Settings, then export again.');
  await world.lifecycle.resolve({ conversationId: question.conversationId, actor: ANN, role: 'asker', solution: { messageId: answer.id, platform: 'discord', authorId: HELPER.platformUserId } });
  const article = await world.kb.byConversation(question.conversationId);
  if (article === null) throw new Error('the resolution made no draft');
  return {
    world,
    article,
    async close() {
      await worker.close();
      await queues.close();
      await db.dispose();
    },
  };
}

describe('review cards on Slack', () => {
  let slack: Awaited<ReturnType<typeof createSlackSide>>;
  let bot: ReturnType<typeof createSlackBot>;
  let server: Awaited<ReturnType<typeof serveBot>>;
  let review: Awaited<ReturnType<typeof reviewWorld>>;
  const commands = recordingCommands();

  beforeAll(async () => {
    slack = await createSlackSide({ commandWorld: true, channels: ['C-review'] });
    const read = readSlackEnv(slack.env);
    if (read.status !== 'configured') throw new Error('the Slack side should configure Slack');
    bot = createSlackBot({ ...read.config, logger: createLogger({ level: 'error' }) });
    await bot.start(async () => ({ status: 'accepted', conversationId: 'review' }), commands);
    server = await serveBot(bot);
    await slack.attach(server.url);
    review = await reviewWorld({ platform: 'slack', channelId: 'C-review' }, { platform: 'teams', channelId: '19:support@thread.tacv2', teamId: 'team' }, bot);
  }, 120_000);
  afterAll(async () => {
    await review?.close();
    await bot?.stop();
    await server?.close();
    await slack?.close();
  }, 60_000);

  const reviewCard = () => slack.fake.messages.find((message) => message.channel === 'C-review' && message.metadata?.event_type === 'heimo_review');
  const buttons = (blocks: unknown[] | undefined) =>
    (blocks ?? []).flatMap((block) => ((block as { type?: string; elements?: Array<{ action_id?: string; value?: string; text?: { text?: string } }> }).type === 'actions' ? (block as { elements: Array<{ action_id?: string; value?: string; text?: { text?: string } }> }).elements : []));

  it('should post the draft with Publish, Edit and Reject when a question is resolved, and pass the article when a button is pressed', async () => {
    const card = await eventually(reviewCard, 'the review card in C-review', 20_000);
    const shown = JSON.stringify(card.blocks);
    expect(shown).toContain('Export fails with error 42');
    expect(shown).toContain('Turn off image compression under Settings');
    expect(shown).toContain('Draft: waiting for review');
    expect(buttons(card.blocks).map((button) => button.text?.text)).toEqual(['Publish', 'Edit', 'Reject']);
    // Where it was posted is recorded right after the post.
    expect(await eventually(async () => (await review.world.kb.reviewCard(review.article.id)) ?? undefined, 'the card recorded')).toEqual({ platform: 'slack', channelId: 'C-review', messageId: card.ts });

    const publish = buttons(card.blocks).find((button) => button.text?.text === 'Publish');
    const pressed = await slack.fake.userPresses({ user: 'U0CSTAFF', channel: 'C-review', messageTs: card.ts, actionId: publish?.action_id ?? '' });
    expect(pressed.status).toBe(200);
    const request = await eventually(() => commands.requests.at(-1), 'the press to reach the command port');
    expect(request).toMatchObject({ platform: 'slack', command: 'kb publish', args: { article: review.article.id }, channelId: 'C-review' });
    expect(request.question).toBeUndefined();
  }, 60_000);

  it('should show who published it and no buttons when the draft is published', async () => {
    await review.world.kb.publish(review.article.id, MO);
    const updated = await eventually(() => {
      const card = reviewCard();
      return card !== undefined && JSON.stringify(card.blocks).includes('Published by Mo Moderator') ? card : undefined;
    }, 'the card to show the decision', 20_000);
    expect(buttons(updated.blocks)).toEqual([]);
    expect(slack.fake.messages.filter((message) => message.channel === 'C-review')).toHaveLength(1);
  }, 60_000);
});

describe('review cards on Teams', () => {
  let teams: TeamsSide;
  let bot: ReturnType<typeof createTeamsBot>;
  let server: Awaited<ReturnType<typeof serveBot>>;
  let review: Awaited<ReturnType<typeof reviewWorld>>;
  const commands = recordingCommands();

  beforeAll(async () => {
    teams = await createTeamsSide();
    const read = readTeamsEnv(teams.env);
    if (read.status !== 'configured') throw new Error('the Teams side should configure Teams');
    bot = createTeamsBot({ ...read.config, logger: createLogger({ level: 'error' }), loginCa: teams.identity.ca });
    await bot.start(async () => ({ status: 'accepted', conversationId: 'review' }), commands);
    server = await serveBot(bot);
    await teams.attach(server.url);
    review = await reviewWorld(teams.destination, { platform: 'slack', channelId: 'C-support' }, bot);
  }, 120_000);
  afterAll(async () => {
    await review?.close();
    await bot?.stop();
    await server?.close();
    await teams?.close();
  }, 60_000);

  const reviewCard = () => teams.cards().find((card) => card.text.includes('Export fails with error 42'));
  const actions = (id: string): Array<{ title?: string; verb?: string; data?: Record<string, unknown> }> => {
    const held = [...teams.connector.activities.values()].find((activity) => activity.id === id);
    const attachment = (held?.activity['attachments'] as Array<{ content: { actions?: unknown[] } }> | undefined)?.[0];
    return (attachment?.content.actions ?? []) as Array<{ title?: string; verb?: string; data?: Record<string, unknown> }>;
  };

  it('should post the draft with Publish, Edit and Reject when a question is resolved, and pass the article when a button is pressed', async () => {
    const card = await eventually(reviewCard, 'the review card in the channel', 20_000);
    expect(card.text).toContain('Turn off image compression under Settings');
    expect(card.text).toContain('Draft: waiting for review');
    expect(actions(card.id).map((action) => action.title)).toEqual(['Publish', 'Edit', 'Reject']);
    expect(await eventually(async () => (await review.world.kb.reviewCard(review.article.id)) ?? undefined, 'the card recorded')).toMatchObject({ platform: 'teams', channelId: teams.destination.channelId, messageId: card.id });

    const publish = actions(card.id).find((action) => action.title === 'Publish');
    const scene = { rootId: card.id, from: TEAMS_PERSONAS.staff, team: { id: teams.scene.teamId, aadGroupId: 'team-support' } };
    const result = await teams.send(cardAction(teams.scene, { ...scene, verb: publish?.verb ?? '', data: publish?.data ?? {} }), await teams.token());
    expect(result.status).toBe(200);
    const request = await eventually(() => commands.requests.at(-1), 'the press to reach the command port');
    expect(request).toMatchObject({ platform: 'teams', command: 'kb publish', args: { article: review.article.id } });
    expect(request.question).toBeUndefined();
  }, 60_000);

  it('should show who published it and no buttons when the draft is published', async () => {
    await review.world.kb.publish(review.article.id, MO);
    const updated = await eventually(() => {
      const card = reviewCard();
      return card !== undefined && card.text.includes('Published by Mo Moderator') ? card : undefined;
    }, 'the card to show the decision', 20_000);
    expect(actions(updated.id)).toEqual([]);
  }, 60_000);
});
