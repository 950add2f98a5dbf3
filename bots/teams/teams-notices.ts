import type { Activity } from 'botbuilder';
import { type Destination, type EmployeeDelivery, HeimoError, type NoticeView } from '../../core/index.ts';
import { channelPostParameters, type ConnectorRunner, type ConnectorTarget } from './connector-runner.ts';
import type { IdempotencyMemo } from './idempotency-memo.ts';
import { canonicalToTeams } from './text-out.ts';
import { replyChainId, splitConversationId } from './translate-activity.ts';

/** What notices and direct messages need from the delivery. */
export interface TeamsNoticesConfig {
  run: ConnectorRunner;
  appId: string;
  memo: IdempotencyMemo;
  /** Where a channel's connector is (throws NOT_CONNECTED when unknown). */
  target: (channelId: string, conversationId: string, teamId?: string) => ConnectorTarget;
  /** Where a 1:1 chat's connector is: the tenant's, heard from any team, else TEAMS_SERVICE_URL. */
  directTarget: () => ConnectorTarget;
}

const activity = (fields: Partial<Activity>): Activity => fields as Activity;
const stamp = (idempotencyKey: string) => ({ heimo: { idempotencyKey } });

/** Sends `html` to one person in their 1:1 chat with the bot, opening it first (Teams answers the same chat every time). */
export async function sendDirect(run: ConnectorRunner, where: ConnectorTarget, appId: string, userId: string, html: string, idempotencyKey?: string): Promise<string> {
  const created = await run(where, 'createConversation', (connector) =>
    connector.conversations.createConversation({
      isGroup: false,
      bot: { id: `28:${appId}`, name: 'Heimo' },
      members: [{ id: userId, name: '' }],
      ...(where.tenantId ? { tenantId: where.tenantId, channelData: { tenant: { id: where.tenantId } } } : {}),
    } as Parameters<typeof connector.conversations.createConversation>[0]),
  );
  if (!created.id) throw new HeimoError('PLATFORM_UNAVAILABLE', 'teams createConversation (1:1) returned no conversation id', { context: { method: 'createConversation' } });
  const chat = created.id;
  const sent = await run({ ...where, conversationId: chat }, 'sendToConversation', (connector) =>
    connector.conversations.sendToConversation(chat, activity({ type: 'message', textFormat: 'xml', text: html, ...(idempotencyKey ? { channelData: stamp(idempotencyKey) } : {}) })),
  );
  return sent.id ?? '';
}

/** postNotice and postDirect: Heimo's own messages in a channel, a card's chain, or a person's 1:1 chat. */
export function createTeamsNotices(config: TeamsNoticesConfig): Required<Pick<EmployeeDelivery, 'postNotice' | 'postDirect'>> {
  const { run, memo } = config;
  return {
    postNotice: async (destination: Destination, notice: NoticeView, thread) => {
      // Teams' connector has no idempotency key: a retry after a lost answer is caught only in this process.
      const key = `notice:${notice.idempotencyKey}`;
      const done = memo.get<string>(key);
      if (done !== undefined) return done;
      // A Teams mention needs the person's or tag's entity: the configured name is shown as text.
      const html = canonicalToTeams(notice.mention === undefined ? notice.text : `${notice.mention} ${notice.text}`);
      let id: string | undefined;
      if (thread !== undefined) {
        const chain = replyChainId(thread.channelId, thread.threadId);
        const sent = await run(config.target(thread.channelId, chain, destination.teamId), 'sendToConversation', (connector) =>
          connector.conversations.sendToConversation(chain, activity({ type: 'message', textFormat: 'xml', text: html, channelData: stamp(notice.idempotencyKey) })),
        );
        id = sent.id;
      } else {
        // A new post in a channel is a new conversation (reply chain) whose root is the notice.
        const where = config.target(destination.channelId, destination.channelId, destination.teamId);
        const created = await run(where, 'createConversation', (connector) =>
          connector.conversations.createConversation(
            channelPostParameters(config.appId, where, destination.channelId, { type: 'message', textFormat: 'xml', text: html, channelData: stamp(notice.idempotencyKey) }),
          ),
        );
        id = splitConversationId(created.id ?? '').threadId ?? created.activityId;
      }
      if (!id) throw new HeimoError('PLATFORM_UNAVAILABLE', 'teams returned no id for a notice', { context: { method: 'postNotice' } });
      memo.set(key, id);
      return id;
    },
    postDirect: async (userId, notice) => {
      const key = `direct:${notice.idempotencyKey}`;
      if (memo.get<string>(key) !== undefined) return;
      const id = await sendDirect(run, config.directTarget(), config.appId, userId, canonicalToTeams(notice.text), notice.idempotencyKey);
      memo.set(key, id);
    },
  };
}
