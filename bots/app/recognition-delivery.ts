import type { Deliveries } from '../../core/outbox/index.ts';
import type { RecognitionDelivery } from '../../core/recognition/index.ts';
import { HeimoError } from '../../core/errors.ts';

// Recognition's Discord side over the Discord bot's delivery (issue 11, tiers): roles, the
// announcement and the direct message. A Discord delivery without these methods cannot serve
// tiers: calling them fails with CONFIG_MISSING (logged by the job system) rather than passing.

const lacking = (method: string): never => {
  throw new HeimoError('CONFIG_MISSING', `the Discord delivery cannot ${method}`);
};

/** Adapts this process' Discord delivery to recognition's port; undefined where Discord is not configured. */
export function recognitionDelivery(deliveries: Deliveries | undefined): () => RecognitionDelivery | undefined {
  const discord = deliveries?.discord;
  if (discord === undefined) return () => undefined;
  const adapted: RecognitionDelivery = {
    setMemberRole: (guildId, userId, roleId, held) => (discord.setMemberRole ?? lacking('set member roles')).call(discord, guildId, userId, roleId, held),
    memberRoles: (guildId, userId) => (discord.memberRoles ?? lacking('read member roles')).call(discord, guildId, userId),
    // The idempotency key becomes Discord's nonce: a retried job posts the announcement once.
    postChannelMessage: async (channelId, text, idempotencyKey) => {
      await (discord.postChannelMessage ?? lacking('post in a channel')).call(discord, channelId, { text, idempotencyKey, isRetry: false });
    },
    postDirect: (userId, text, idempotencyKey) => (discord.postDirect ?? lacking('send direct messages')).call(discord, userId, { text, idempotencyKey, isRetry: false }),
  };
  return () => adapted;
}
