import type { CommandServices, QuestionInfo, QuestionRef, QuestionView } from '../commands/index.ts';
import type { ConversationLookups, ConversationSummary } from '../conversations/index.ts';
import { HeimoError } from '../errors.ts';
import { parseQuestionText } from './parse-question-text.ts';
import { communityOf, type CommandServicesConfig } from './question-deps.ts';

const infoOf = (summary: ConversationSummary): QuestionInfo => ({ conversationId: summary.conversationId, communityId: summary.communityId, title: summary.title, status: summary.status });

/** The conversation a reference names: in the community, or in any with null (to learn a command's community). */
export async function lookUpQuestion(conversations: Pick<ConversationLookups, 'byId' | 'byThread'>, communityId: string | null, ref: QuestionRef): Promise<ConversationSummary | null> {
  if ('conversationId' in ref) return conversations.byId(communityId, ref.conversationId);
  if ('threadId' in ref) return conversations.byThread(communityId, ref);
  for (const candidate of parseQuestionText(ref.text)) {
    const found = 'conversationId' in candidate ? await conversations.byId(communityId, candidate.conversationId) : await conversations.byThread(communityId, candidate);
    if (found !== null) return found;
  }
  return null;
}

/** Finds questions by id, thread or typed link, and builds the view `status` and `queue` show. */
export function createQuestionFinder(config: CommandServicesConfig) {
  const { conversations } = config;

  const find = (communityId: string, ref: QuestionRef) => lookUpQuestion(conversations, communityId, ref);

  const view = async (summary: ConversationSummary): Promise<QuestionView> => {
    const [owner, route, clocks] = await Promise.all([
      config.owners.owner(summary.conversationId),
      config.routes.find(summary.conversationId),
      config.clocks.clockView(summary.conversationId),
    ]);
    const community = config.network().communities.find((candidate) => candidate.id === summary.communityId);
    // A question routed before routing kept its table is the team's whose destination it is in.
    const team = route === null
      ? community?.teams.find((candidate) => candidate.destination.channelId === summary.destination.channelId)
      : community?.teams.find((candidate) => candidate.id === route.teamId);
    return {
      ...infoOf(summary),
      askedAt: summary.askedAt,
      assignee: owner === null ? null : { platform: owner.platform, userId: owner.userId, displayName: owner.displayName },
      team: team === undefined ? (route === null ? null : { id: route.teamId, name: route.teamId }) : { id: team.id, name: team.name },
      clocks: clocks.filter((clock) => !clock.stopped).map((clock) => ({ kind: clock.clock, dueAt: clock.dueAt, breached: clock.breached })),
    };
  };

  const summaryOf = async (conversationId: string): Promise<ConversationSummary> => {
    // Commands reach here with a question the runner found in their community.
    const found = await conversations.byId(null, conversationId);
    if (found === null) throw new HeimoError('NOT_FOUND', `question ${conversationId} does not exist`);
    return found;
  };

  const questions: CommandServices['questions'] = {
    find: async (communityId, ref) => {
      communityOf(config, communityId);
      const found = await find(communityId, ref);
      return found === null ? null : infoOf(found);
    },
    isAsker: (conversationId, person) => conversations.isAsker(conversationId, person),
  };
  return { questions, view, summaryOf, status: async (conversationId: string) => view(await summaryOf(conversationId)) };
}

/** The finder the other services share. */
export type QuestionFinder = ReturnType<typeof createQuestionFinder>;
