import { teamsToCanonical } from '../../bots/teams/text-in.ts';
import { directChatId } from '../fakes/teams/fake-connector.ts';
import { nextMessageId, type TeamsPerson } from '../fakes/teams/send-activity.ts';
import { cardAction, type CommandScene, mentionCommand, messageAction } from '../fakes/teams/send-command.ts';
import type { CommandPersona, CommandSide, QuestionPlace, SeenReply } from './command-side.ts';
import type { TeamsSide } from './teams-side.ts';

/**
 * The teams that make each persona what it is, as the network file's `permissions.teams` names them
 * (TEST_PERMISSIONS: `team-mods`, `team-support`). In Teams a person's privilege comes from the
 * team whose channel they act in, so each persona acts from a channel of its team.
 */
export interface TeamsPersonaTeams {
  moderatorTeamId: string;
  staffTeamId: string;
  /** A team that grants nothing (askers and members). */
  otherTeamId: string;
}

/** The defaults matching TEST_PERMISSIONS (Entra group ids, as channelData.team.aadGroupId carries them). */
export const TEST_PERSONA_TEAMS: TeamsPersonaTeams = { moderatorTeamId: 'team-mods', staffTeamId: 'team-support', otherTeamId: 'team-everyone' };

/** The Teams person of each persona (Heimo knows a Teams user by `aadObjectId`); staff is the Alice who answers on the Teams side. */
export const TEAMS_PERSONAS: Record<CommandPersona, TeamsPerson> = {
  moderator: { id: '29:1mona', name: 'Mona Moderator', aadObjectId: 'aad-mona' },
  staff: { id: '29:1alice', name: 'Alice Lindqvist', aadObjectId: 'aad-alice' },
  asker: { id: '29:1asker', name: 'Asa Asker', aadObjectId: 'asker' },
  member: { id: '29:1pekka', name: 'Pekka Member', aadObjectId: 'aad-pekka' },
};

type Held = { key: string; conversationId: string; text: string };
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** `name=value` for one-word values; longer text goes last, unnamed (the last text option takes the rest of the words). */
function typed(command: string, args: Record<string, string> = {}): string {
  const entries = Object.entries(args);
  const named = entries.filter(([, value]) => !/\s/.test(value)).map(([name, value]) => `${name}=${value}`);
  const loose = entries.filter(([, value]) => /\s/.test(value)).map(([, value]) => value);
  return [command, ...named, ...loose].join(' ');
}

/**
 * The command side of the contract suite on Teams, over a TeamsSide attached to Heimo: `run` types
 * `@Heimo <command>` in the question's reply chain (or a new channel post), `press` sends the card
 * button's Action.Execute invoke, `markSolution` the message action's invoke. A private answer is
 * the invoke's own reply, or a message in the person's 1:1 chat with Heimo; a public one is a post
 * in the chain.
 */
export function createTeamsCommandSide(side: TeamsSide, teams: TeamsPersonaTeams = TEST_PERSONA_TEAMS): CommandSide {
  const scene = (as: CommandPersona, rootId: string): CommandScene => {
    const teamId = as === 'moderator' ? teams.moderatorTeamId : as === 'staff' ? teams.staffTeamId : teams.otherTeamId;
    return { rootId, from: TEAMS_PERSONAS[as], team: { id: side.scene.teamId, aadGroupId: teamId } };
  };
  const snapshot = (): Set<string> => new Set(side.connector.activities.keys());
  const newSince = (before: Set<string>): Held[] =>
    [...side.connector.activities.entries()]
      .filter(([key]) => !before.has(key))
      .map(([key, held]) => ({ key, conversationId: held.conversationId, text: typeof held.activity['text'] === 'string' ? teamsToCanonical(held.activity['text']) : '' }));
  /** What the person sees after an action: a chain post (public), else a 1:1 message or the invoke's own answer (private). */
  const seen = (as: CommandPersona, before: Set<string>, invokeText?: string): SeenReply => {
    const posted = newSince(before);
    const direct = posted.find((held) => held.conversationId === directChatId(TEAMS_PERSONAS[as].id));
    const inChannel = posted.find((held) => held.conversationId.startsWith(`${side.scene.channelId};messageid=`));
    if (inChannel) return { text: inChannel.text, private: false };
    if (direct) return { text: direct.text, private: true };
    if (invokeText !== undefined) return { text: invokeText, private: true };
    throw new Error('Heimo answered nothing a person could see');
  };
  const invoke = async (activity: Record<string, unknown>): Promise<unknown> => {
    const result = await side.send(activity, await side.token());
    if (result.status !== 200) throw new Error(`Heimo answered the invoke with ${result.status}: ${result.body}`);
    return JSON.parse(result.body) as unknown;
  };

  return {
    platform: 'teams',
    run: async ({ command, args, as, question }) => {
      const id = nextMessageId();
      const before = snapshot();
      // Without a question: a new post in the channel, its own chain's root.
      const activity = mentionCommand(side.scene, { ...scene(as, question?.threadId ?? id), id, command: typed(command, args) });
      const result = await side.send(activity, await side.token());
      if (result.status !== 200) throw new Error(`Heimo answered the command with ${result.status}: ${result.body}`);
      return seen(as, before);
    },
    press: async ({ action, as, question }: { action: string; as: CommandPersona; question: QuestionPlace }) => {
      const before = snapshot();
      const body = await invoke(cardAction(side.scene, { ...scene(as, question.threadId), verb: `heimo.${action}`, data: { conversationId: question.conversationId } }));
      const value = isRecord(body) && typeof body['value'] === 'string' ? body['value'] : undefined;
      return seen(as, before, value);
    },
    markSolution: async ({ messageId, as, question }) => {
      const before = snapshot();
      const body = await invoke(messageAction(side.scene, { ...scene(as, question.threadId), commandId: 'mark-solution', messageId }));
      const task = isRecord(body) && isRecord(body['task']) && typeof body['task']['value'] === 'string' ? body['task']['value'] : undefined;
      return seen(as, before, task);
    },
    close: async () => undefined,
  };
}
