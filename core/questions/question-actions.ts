import type { CommandServices, PersonActor, PersonRef } from '../commands/index.ts';
import type { MessageRef } from '../domain/domain-events.ts';
import { isEmployeePlatform, type EmployeePlatform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { Tx } from '../jobs/index.ts';
import { LifecycleError, type ActorRole, type LifecycleAction } from '../lifecycle/index.ts';
import type { Employee } from '../owners/index.ts';
import type { QuestionFinder } from './find-questions.ts';
import { communityOf, teamAt, teamNamed, type CommandServicesConfig } from './question-deps.ts';

// A status that forbids the action is something the person can understand: say so as a conflict.
const explained = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LifecycleError && error.code === 'LIFECYCLE_INVALID') {
      throw new HeimoError('CONFLICT', `the question is ${error.from}: it cannot be ${error.action === 'claim' ? 'claimed' : `${error.action}d`} now`, { cause: error });
    }
    throw error;
  }
};

const employeeOf = (person: { platform: PersonRef['platform']; userId: string; displayName?: string }, displayName: string): Employee => {
  if (!isEmployeePlatform(person.platform)) throw new HeimoError('BAD_INPUT', 'questions are owned by employees: claim and assign from Slack or Teams');
  return { platform: person.platform as EmployeePlatform, userId: person.userId, displayName };
};

/** The lifecycle and owners commands: each change is one transaction with the events it causes. */
export function createQuestionActions(config: CommandServicesConfig, finder: QuestionFinder) {
  const { jobs, lifecycle, owners, conversations } = config;

  // The runner allowed the command already: the person asked the question, or is staff or a moderator.
  const roleOf = async (conversationId: string, actor: PersonActor): Promise<ActorRole> =>
    (await conversations.isAsker(conversationId, actor)) ? 'asker' : 'staff';

  const change = async (conversationId: string, actor: PersonActor, action: LifecycleAction, reason?: string): Promise<void> => {
    const role = await roleOf(conversationId, actor);
    await explained(() => jobs.transaction((tx) => lifecycle.apply(tx, { conversationId, actor, role, action, ...(reason === undefined ? {} : { reason }) })));
  };

  const solutionOf = async (conversationId: string, target: Parameters<CommandServices['lifecycle']['resolve']>[0]['solution']): Promise<MessageRef> => {
    if (target === undefined) {
      const latest = await conversations.latestEmployeeAnswer(conversationId);
      if (latest === null) throw new HeimoError('CONFLICT', 'nobody has answered yet: mark the message that solved it instead');
      return latest;
    }
    const found = await conversations.findMessage(conversationId, { platform: target.platform, channelId: target.channelId, messageId: target.messageId });
    if (found === null) throw new HeimoError('NOT_FOUND', 'that message is not part of this question');
    return found;
  };

  // The owner changes and the status follows (claimed) in one transaction.
  const claimStatus = async (tx: Tx, conversationId: string, actor: PersonActor): Promise<void> => {
    await lifecycle.apply(tx, { conversationId, actor, role: 'staff', action: { type: 'claim' } });
  };

  const lifecycleServices: CommandServices['lifecycle'] = {
    status: (conversationId) => finder.status(conversationId),
    resolve: async ({ conversationId, actor, solution }) => change(conversationId, actor, { type: 'resolve', solution: await solutionOf(conversationId, solution) }),
    reopen: ({ conversationId, actor }) => change(conversationId, actor, { type: 'reopen' }),
    close: ({ conversationId, actor, reason }) => change(conversationId, actor, { type: 'close' }, reason),
  };

  const ownerServices: CommandServices['owners'] = {
    claim: ({ conversationId, actor }) =>
      explained(() =>
        jobs.transaction(async (tx) => {
          await owners.claim({ conversationId, claimer: employeeOf(actor, actor.displayName ?? actor.userId) }, tx);
          await claimStatus(tx, conversationId, actor);
        }),
      ),

    assign: async ({ conversationId, actor, assignee }) => {
      const displayName = assignee.displayName ?? (await conversations.accountName(assignee.platform, assignee.userId)) ?? assignee.userId;
      const person = employeeOf(assignee, displayName);
      await jobs.transaction(async (tx) => {
        await owners.assign({ conversationId, assignee: person, by: actor, role: 'staff' }, tx);
        try {
          await claimStatus(tx, conversationId, actor);
        } catch (error) {
          // A question not open for work (in its window, solved, closed) gets its owner and keeps its
          // status; a refused lifecycle action writes nothing, so the transaction goes on.
          if (!(error instanceof LifecycleError && error.code === 'LIFECYCLE_INVALID')) throw error;
        }
      });
      return { displayName };
    },

    onDuty: async ({ communityId, person, onDuty, team, channelId }) => {
      const community = communityOf(config, communityId);
      const memberships = await owners.memberships(communityId, person);
      const named = team !== undefined ? teamNamed(community, team) : teamAt(community, channelId);
      const teamIds = named !== undefined ? [named.id] : memberships.length > 0 ? memberships.map((entry) => entry.teamId) : community.teams.length === 1 ? [community.teams[0]!.id] : [];
      if (teamIds.length === 0) throw new HeimoError('BAD_INPUT', 'name the team (`team`), or run it in the team\'s channel');
      if (onDuty === undefined) return { onDuty: memberships.some((entry) => teamIds.includes(entry.teamId) && entry.onDuty) };
      const employee = employeeOf(person, person.displayName ?? person.userId);
      await jobs.transaction(async (tx) => {
        for (const teamId of teamIds) await owners.onDuty(employee, { communityId, teamId }, onDuty ? 'on' : 'off', tx);
      });
      return { onDuty };
    },
  };

  return { lifecycle: lifecycleServices, owners: ownerServices };
}
