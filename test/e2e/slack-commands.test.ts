import { readSlackEnv } from '../../bots/slack/config.ts';
import { createSlackBot } from '../../bots/slack/create-slack-bot.ts';
import { createLogger } from '../../core/logger.ts';
import { createCardPlaces, serveBot } from '../contracts/card-places.ts';
import { describeCommandContract } from '../contracts/command-contract.ts';
import { createSeededWorld } from '../contracts/command-world.ts';
import { createSlackCommandSide, SLACK_PERSONAS } from '../contracts/slack-command-side.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { networkOn } from '../integration/commands/services-fixture.ts';
import { createTestDatabase } from '../support/database.ts';

// The real Slack bot against the fake Slack (with the personas' user groups S-mods and S-support),
// on the real command port, capabilities and database. Questions are cards the bot posted in
// Support's channel; staff answer in the card's thread.
describeCommandContract('Slack', async () => {
  const slack = await createSlackSide({ commandWorld: true });
  const { network, team } = networkOn({ support: slack.destination });
  const read = readSlackEnv(slack.env);
  if (read.status !== 'configured') throw new Error('the Slack side should configure Slack');
  const bot = createSlackBot({ ...read.config, logger: createLogger({ level: 'error' }) });
  return createSeededWorld({
    db: await createTestDatabase(),
    network,
    communityId: 'acme',
    team,
    otherTeam: 'Billing',
    createSide: async (port) => {
      await bot.start(async () => ({ status: 'accepted', conversationId: 'contract' }), port);
      const server = await serveBot(bot);
      await slack.attach(server.url);
      const side = createSlackCommandSide(slack.fake, { channelId: slack.destination.channelId, review: { delivery: bot.delivery, destination: slack.destination } });
      return {
        ...side,
        ...createCardPlaces(bot, slack.destination),
        answer: async (place) => (await slack.fake.userPosts({ channel: place.channelId, user: SLACK_PERSONAS.staff.id, text: 'Try this.', threadTs: place.threadId })).ts,
        userIdOf: (persona) => SLACK_PERSONAS[persona].id,
        async close() {
          await bot.stop();
          await server.close();
          await slack.close();
        },
      };
    },
  });
});
