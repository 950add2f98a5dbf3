import type { CommandServices } from '../commands/index.ts';
import type { TeamConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { QuestionFinder } from './find-questions.ts';
import { communityOf, teamAt, teamNamed, type CommandServicesConfig } from './question-deps.ts';

/** A team's queue: its open questions, oldest first, with their owners and running clocks. */
export function createQueue(config: CommandServicesConfig, finder: QuestionFinder): CommandServices['queue'] {
  return {
    async list({ communityId, person, team, channelId }) {
      const community = communityOf(config, communityId);
      let chosen: TeamConfig | undefined = team !== undefined ? teamNamed(community, team) : teamAt(community, channelId);
      if (chosen === undefined) {
        const [own] = await config.owners.memberships(communityId, person);
        chosen = own === undefined ? undefined : community.teams.find((candidate) => candidate.id === own.teamId);
      }
      if (chosen === undefined) throw new HeimoError('BAD_INPUT', 'name the team (`team`), or run it in the team\'s channel');
      const picked = chosen;
      const routed = await config.routes.openQuestions(communityId, picked.id);
      // Questions without a route (asked before routing kept one) are the queue of the team whose channel they are in.
      const unrouted = [];
      for (const summary of await config.conversations.openAt(null, communityId, picked.destination.channelId)) {
        if (!routed.includes(summary.conversationId) && (await config.routes.find(summary.conversationId)) === null) unrouted.push(summary);
      }
      const summaries = [...(await Promise.all(routed.map((id) => finder.summaryOf(id)))), ...unrouted];
      const views = await Promise.all(summaries.map((summary) => finder.view(summary)));
      views.sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || a.conversationId.localeCompare(b.conversationId));
      return { team: { id: picked.id, name: picked.name }, questions: views };
    },
  };
}

/** Dead deliveries of one community: listed, and sent again (only its own). */
export function createDeadDeliveries(config: CommandServicesConfig): CommandServices['deliveries'] {
  const { deadLetters } = config;
  return {
    listDead: async (communityId) => deadLetters.listDead({ communityId }),
    async retry({ communityId, ids }) {
      if (ids !== undefined && ids.length > 0) {
        const own = new Set((await deadLetters.listDead({ communityId })).map((entry) => entry.id));
        const unknown = ids.filter((id) => !own.has(id));
        if (unknown.length > 0) throw new HeimoError('NOT_FOUND', `no dead delivery ${unknown.join(', ')} in this community`);
      }
      const streams = await deadLetters.reviveDead(ids !== undefined && ids.length > 0 ? ids : undefined, { communityId });
      await config.schedule(streams);
      return { streams: streams.length };
    },
  };
}
