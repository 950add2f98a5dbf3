import type { EmployeeDelivery } from '../../core/index.ts';
import type { ConnectorRunner, ConnectorTarget } from './connector-runner.ts';
import { isGone } from './teams-errors.ts';

// Teams tells a bot a member's e-mail (GET /v3/conversations/{id}/members/{userId}, what
// botbuilder's TeamsInfo.getMember calls) in a conversation the two share: the person's 1:1 chat
// with the bot, which Teams opens (or answers again) on request.

/** What the member look-up needs from the delivery. */
export interface TeamsMembersConfig {
  run: ConnectorRunner;
  appId: string;
  directTarget: () => ConnectorTarget;
}

/** The e-mail fields of a Teams member (TeamsChannelAccount). */
interface TeamsMember {
  email?: string;
  userPrincipalName?: string;
}

/** `emailOf` of the Teams delivery: the member's e-mail, else their user principal name (an e-mail in most tenants). */
export function createTeamsMembers(config: TeamsMembersConfig): Required<Pick<EmployeeDelivery, 'emailOf'>> {
  const { run } = config;
  return {
    emailOf: async (userId) => {
      const where = config.directTarget();
      const created = await run(where, 'createConversation', (connector) =>
        connector.conversations.createConversation({
          isGroup: false,
          bot: { id: `28:${config.appId}`, name: 'Heimo' },
          members: [{ id: userId, name: '' }],
          ...(where.tenantId ? { tenantId: where.tenantId, channelData: { tenant: { id: where.tenantId } } } : {}),
        } as Parameters<typeof connector.conversations.createConversation>[0]),
      );
      const chat = created.id;
      if (!chat) return undefined;
      try {
        const member = (await run({ ...where, conversationId: chat }, 'getConversationMember', (connector) => connector.conversations.getConversationMember(chat, userId))) as TeamsMember;
        const email = member.email ?? member.userPrincipalName;
        return email !== undefined && email.includes('@') ? email : undefined;
      } catch (error) {
        if (isGone(error)) return undefined;
        throw error;
      }
    },
  };
}
