import type { CustomerDelivery, NoticeView } from '../../core/index.ts';
import type { DiscordApi, MessageBody } from './api.ts';
import { DiscordCode, discordCodeOf } from './errors.ts';
import { clip, MESSAGE_LIMIT, nonceFor } from './render.ts';
import { canonicalToDiscord } from './text-out.ts';

// What recognition does on Discord (issue 11, ambassador tiers): a member's tier role granted and
// taken back, the roles they hold read at start, a promotion announced in a channel and told to
// the member in a direct message. Posts carry a nonce from the idempotency key (enforce_nonce: a
// retried post within Discord's window returns the first message instead of a second one) and ping
// nobody.

/** The audit-log reason of Heimo's role changes (Server Settings → Audit Log). */
export const ROLE_REASON = 'Heimo: ambassador tier';

const noticeBody = (notice: NoticeView): MessageBody => ({
  content: clip(canonicalToDiscord(notice.text), MESSAGE_LIMIT),
  nonce: nonceFor(notice.idempotencyKey, 0),
  enforce_nonce: true,
  allowed_mentions: { parse: [] },
});

type MemberNotices = Required<Pick<CustomerDelivery, 'setMemberRole' | 'memberRoles' | 'postChannelMessage' | 'postDirect'>>;

/** The delivery's role and notice methods. */
export function createMemberNotices(api: DiscordApi): MemberNotices {
  return {
    async setMemberRole(guildId, userId, roleId, held) {
      try {
        if (held) await api.addMemberRole(guildId, userId, roleId, ROLE_REASON);
        else await api.removeMemberRole(guildId, userId, roleId, ROLE_REASON);
      } catch (error) {
        // A member who left holds no role: nothing to grant or take back.
        if (discordCodeOf(error) !== DiscordCode.UnknownMember) throw error;
      }
    },
    async memberRoles(guildId, userId) {
      try {
        return (await api.member(guildId, userId)).roles;
      } catch (error) {
        if (discordCodeOf(error) === DiscordCode.UnknownMember) return null;
        throw error;
      }
    },
    async postChannelMessage(channelId, notice) {
      return (await api.post(channelId, noticeBody(notice))).id;
    },
    async postDirect(userId, notice) {
      const channel = await api.openDm(userId);
      await api.post(channel.id, noticeBody(notice));
    },
  };
}
