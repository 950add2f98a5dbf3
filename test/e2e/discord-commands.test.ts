import { describeCommandContract } from '../contracts/command-contract.ts';
import { createSeededWorld } from '../contracts/command-world.ts';
import { createDiscordCommandSide } from '../contracts/discord-command-side.ts';
import { networkOn } from '../integration/commands/services-fixture.ts';
import { createTestDatabase } from '../support/database.ts';

// The real Discord bot against the fake Discord, on the real command port, capabilities and database.
// Questions are forum posts in the fake; Support answers in Slack, and Heimo's copy of the answer is
// in the post's thread (what a customer marks as the solution).
describeCommandContract('Discord', async () => {
  let guildId: string | undefined;
  const network = () => networkOn(guildId === undefined ? {} : { guildId }).network;
  return createSeededWorld({
    db: await createTestDatabase(),
    network,
    communityId: 'acme',
    team: networkOn({}).team,
    otherTeam: 'Billing',
    createSide: async (port) => {
      const side = await createDiscordCommandSide(port);
      guildId = side.fake.world.guildId;
      return {
        ...side,
        place: async (title) => ({ place: side.askQuestion(title), askerId: side.userIdOf('asker') }),
        answer: async (place) => {
          const [id] = await side.bot.delivery.postMessage(
            { channelId: place.threadId, threadId: place.threadId },
            { author: { displayName: 'Erin' }, text: 'Try this.', internal: false, idempotencyKey: `answer-${place.threadId}`, isRetry: false },
          );
          if (id === undefined) throw new Error('the Discord bot posted no copy of the answer');
          return id;
        },
      };
    },
  });
});
