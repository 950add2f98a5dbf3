import { teamsToCanonical } from '../../bots/teams/text-in.ts';
import { directChatId } from '../fakes/teams/fake-connector.ts';
import { nextMessageId, type TeamsPerson } from '../fakes/teams/send-activity.ts';
import { cardAction, type CommandScene, mentionCommand, messageAction } from '../fakes/teams/send-command.ts';
import type { Destination } from '../../core/domain/types.ts';
import type { EmployeeDelivery, ReviewCardView } from '../../core/ports/delivery.ts';
import type { CommandPersona, CommandSide, QuestionPlace, SeenForm, SeenReply } from './command-side.ts';
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

/** `name=value`, quoted (`name="a b"`) when the value has spaces, as people type options in Teams. */
function typed(command: string, args: Record<string, string> = {}): string {
  return [command, ...Object.entries(args).map(([name, value]) => (/\s/.test(value) ? `${name}="${value}"` : `${name}=${value}`))].join(' ');
}

type Execute = { verb: string; data: Record<string, unknown> };

// A card's inputs (id and value) and its Execute button: what a person fills in and presses.
function formOfCard(content: unknown): { values: Record<string, string>; submit: Execute } {
  const card = isRecord(content) ? content : {};
  const body = Array.isArray(card['body']) ? card['body'].filter(isRecord) : [];
  const values = Object.fromEntries(body.filter((element) => element['type'] === 'Input.Text').map((input) => [String(input['id']), typeof input['value'] === 'string' ? input['value'] : '']));
  const action = (Array.isArray(card['actions']) ? card['actions'].filter(isRecord) : []).find((candidate) => candidate['type'] === 'Action.Execute');
  if (action === undefined || Object.keys(values).length === 0) throw new Error('the card is no form: no inputs or no Execute button');
  return { values, submit: { verb: String(action['verb']), data: isRecord(action['data']) ? action['data'] : {} } };
}

const cardContents = (activity: Record<string, unknown>): unknown[] =>
  (Array.isArray(activity['attachments']) ? activity['attachments'] : []).filter(isRecord).filter((attachment) => attachment['contentType'] === 'application/vnd.microsoft.card.adaptive').map((attachment) => attachment['content']);

/**
 * The command side of the contract suite on Teams, over a TeamsSide attached to Heimo: `run` types
 * `@Heimo <command>` in the question's reply chain (or a new channel post), `press` sends the card
 * button's Action.Execute invoke, `markSolution` the message action's invoke. A private answer is
 * the invoke's own reply, or a message in the person's 1:1 chat with Heimo; a public one is a post
 * in the chain.
 */
export function createTeamsCommandSide(side: TeamsSide, teams: TeamsPersonaTeams = TEST_PERSONA_TEAMS, review?: { delivery: Pick<EmployeeDelivery, 'postReviewCard'>; destination: Destination }): CommandSide {
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

  const answerOf = (as: CommandPersona, before: Set<string>, body: unknown): SeenReply =>
    seen(as, before, isRecord(body) && typeof body['value'] === 'string' ? body['value'] : undefined);

  // A form as the person submits it: Teams adds the inputs to the Execute's data, by their ids.
  const seenForm = (as: CommandPersona, rootId: string, content: unknown): SeenForm => {
    const { values, submit } = formOfCard(content);
    return {
      values,
      async submit(changes) {
        const before = snapshot();
        const body = await invoke(cardAction(side.scene, { ...scene(as, rootId), verb: submit.verb, data: { ...submit.data, ...values, ...changes } }));
        return answerOf(as, before, body);
      },
    };
  };

  // The review card Heimo posts for `card`, and the Execute its `action` button carries.
  const reviewButton = async (card: ReviewCardView, action: string): Promise<{ rootId: string; execute: Execute }> => {
    if (review?.delivery.postReviewCard === undefined) throw new Error('teams command side: no delivery to post review cards with');
    const rootId = await review.delivery.postReviewCard(review.destination, card);
    const held = [...side.connector.activities.values()].filter((candidate) => candidate.id === rootId || candidate.conversationId.endsWith(`messageid=${rootId}`));
    const actions = held.flatMap((candidate) => cardContents(candidate.activity)).flatMap((content) => (isRecord(content) && Array.isArray(content['actions']) ? content['actions'].filter(isRecord) : []));
    const button = actions.find((candidate) => candidate['verb'] === `heimo.${action}`);
    if (button === undefined) throw new Error(`the review card has no ${action} button`);
    return { rootId, execute: { verb: String(button['verb']), data: isRecord(button['data']) ? button['data'] : {} } };
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
    addToKnowledgeBase: async ({ messageId, as, question }) => {
      const before = snapshot();
      const body = await invoke(messageAction(side.scene, { ...scene(as, question.threadId), commandId: 'add-to-kb', messageId }));
      const task = isRecord(body) && isRecord(body['task']) && typeof body['task']['value'] === 'string' ? body['task']['value'] : undefined;
      return seen(as, before, task);
    },
    // Typed in a new channel post: the form comes back as a card in that post's chain.
    runForm: async ({ command, args, as }) => {
      const id = nextMessageId();
      const before = snapshot();
      const result = await side.send(mentionCommand(side.scene, { ...scene(as, id), id, command: typed(command, args) }), await side.token());
      if (result.status !== 200) throw new Error(`Heimo answered the command with ${result.status}: ${result.body}`);
      const posted = [...side.connector.activities.entries()].filter(([key]) => !before.has(key)).map(([, held]) => held);
      const content = posted.flatMap((held) => cardContents(held.activity))[0];
      if (content === undefined) throw new Error(`Heimo answered with no form: ${posted.map((held) => String(held.activity['text'] ?? '')).join(' | ')}`);
      return seenForm(as, id, content);
    },
    pressReview: async ({ action, card, as }) => {
      const { rootId, execute } = await reviewButton(card, action);
      const before = snapshot();
      return answerOf(as, before, await invoke(cardAction(side.scene, { ...scene(as, rootId), verb: execute.verb, data: execute.data })));
    },
    // The invoke's answer is the form's card, which Teams shows the presser in place of the review card.
    pressReviewForm: async ({ action, card, as }) => {
      const { rootId, execute } = await reviewButton(card, action);
      const body = await invoke(cardAction(side.scene, { ...scene(as, rootId), verb: execute.verb, data: execute.data }));
      if (!isRecord(body) || body['type'] !== 'application/vnd.microsoft.card.adaptive') throw new Error(`Heimo answered the Edit button with no form: ${JSON.stringify(body)}`);
      return seenForm(as, rootId, body['value']);
    },
    close: async () => undefined,
  };
}
