import type { CommandReply, InvokingPerson } from '../../core/index.ts';
import { formCard } from './command-form.ts';
import type { ConnectorRunner } from './connector-runner.ts';
import { sendDirect } from './teams-notices.ts';
import { canonicalToTeams } from './text-out.ts';
import { replyChainId, splitConversationId, type TeamsActivity } from './translate-activity.ts';

/** An activity as commands read it: who, where, in which language, and an invoke's payload. */
export interface CommandActivity extends TeamsActivity {
  serviceUrl?: string;
  locale?: string;
  name?: string;
  value?: unknown;
  conversation?: { id?: string; conversationType?: string; tenantId?: string };
  channelData?: { eventType?: string; team?: { id?: string; aadGroupId?: string }; tenant?: { id?: string } };
}

/** Who ran a command: keyed like relayed replies (Entra object id), with the team the activity came from. */
export function invokingPerson(activity: CommandActivity): InvokingPerson {
  const from = activity.from ?? {};
  const team = activity.channelData?.team;
  // Teams only delivers a team channel's activities from its members: the team is one the person is in.
  const teamIds = [team?.id, team?.aadGroupId].filter((id): id is string => typeof id === 'string' && id !== '');
  return {
    userId: from.aadObjectId ?? from.id ?? 'unknown',
    displayName: from.name?.trim() || 'Teams user',
    ...(teamIds.length === 0 ? {} : { teamIds }),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/** Sends a command's answer where the person reads it; `rootId` names the chain when the activity's conversation does not. */
export type ReplySender = (activity: CommandActivity, reply: CommandReply, rootId?: string) => Promise<void>;

/**
 * Creates the sender: a public answer goes into the conversation the command came from (the card's
 * reply chain); Teams has no ephemeral messages in channels, so a private one goes to the person's
 * 1:1 chat with Heimo (in that chat already, it is simply the answer). A form goes where the command
 * was typed, as a card: submitted from a team's channel, it runs with the rights that team gives
 * (a 1:1 chat carries no team, so there the text says how to type it instead).
 */
export function createReplySender(run: ConnectorRunner, appId: string): ReplySender {
  return async (activity, reply, rootId) => {
    const serviceUrl = activity.serviceUrl ?? '';
    const conversationId = activity.conversation?.id ?? '';
    const tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
    const where = { serviceUrl, conversationId, ...(tenantId ? { tenantId } : {}) };
    const html = canonicalToTeams(reply.text);
    const inChannel = activity.conversation?.conversationType === 'channel';
    const form = reply.form === undefined || !inChannel ? undefined : formCard(reply.form);
    if (reply.visibility === 'private' && inChannel && form === undefined) {
      await sendDirect(run, where, appId, activity.from?.id ?? '', html);
      return;
    }
    // A top-level channel post starts its own chain: answer in that chain, under the command.
    const { channelId, threadId } = splitConversationId(conversationId);
    const root = threadId ?? rootId ?? activity.id;
    const target = inChannel && root !== undefined ? replyChainId(channelId, root) : conversationId;
    const message = form === undefined ? { type: 'message', textFormat: 'xml', text: html } : { type: 'message', attachments: [form] };
    await run({ ...where, conversationId: target }, 'sendToConversation', (connector) =>
      connector.conversations.sendToConversation(target, message as Parameters<typeof connector.conversations.sendToConversation>[1]),
    );
  };
}
