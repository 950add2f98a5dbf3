import { readTeamsEnv } from '../../bots/teams/config.ts';
import { createTeamsBot } from '../../bots/teams/create-teams-bot.ts';
import { createLogger } from '../../core/logger.ts';
import { createCardPlaces, serveBot } from '../contracts/card-places.ts';
import { describeCommandContract } from '../contracts/command-contract.ts';
import { createSeededWorld } from '../contracts/command-world.ts';
import { createTeamsCommandSide, TEAMS_PERSONAS } from '../contracts/teams-command-side.ts';
import { createTeamsSide } from '../contracts/teams-side.ts';
import { networkOn } from '../integration/commands/services-fixture.ts';
import { createTestDatabase } from '../support/database.ts';

// The real Teams bot against the fake Bot Framework connector and identity (authentication on), on
// the real command port, capabilities and database. Questions are cards the bot posted in Support's
// channel; staff answer in the card's reply chain. Personas act from channels of the moderators',
// staff or another team (TEST_PERMISSIONS).
describeCommandContract('Teams', async () => {
  const teams = await createTeamsSide();
  const { network, team } = networkOn({ support: teams.destination });
  const read = readTeamsEnv(teams.env);
  if (read.status !== 'configured') throw new Error('the Teams side should configure Teams');
  const bot = createTeamsBot({ ...read.config, logger: createLogger({ level: 'error' }), loginCa: teams.identity.ca });
  return createSeededWorld({
    db: await createTestDatabase(),
    network,
    communityId: 'acme',
    team,
    otherTeam: 'Billing',
    createSide: async (port) => {
      await bot.start(async () => ({ status: 'accepted', conversationId: 'contract' }), port);
      const server = await serveBot(bot);
      await teams.attach(server.url);
      const side = createTeamsCommandSide(teams, undefined, { delivery: bot.delivery, destination: teams.destination });
      return {
        ...side,
        ...createCardPlaces(bot, teams.destination),
        answer: (place) => teams.reply(place.threadId, 'Try this.'),
        userIdOf: (persona) => TEAMS_PERSONAS[persona].aadObjectId ?? TEAMS_PERSONAS[persona].id,
        async close() {
          await bot.stop();
          await server.close();
          await teams.close();
        },
      };
    },
  });
});
