import { memberOf, type FakeMessage, type FakeUser, type FakeWorld } from './state.ts';

type Dispatch = (t: string, d: unknown) => void;

// The emoji object of a reaction event: Unicode ones have no id; custom ones come as "name:id" ("a:name:id" animated).
function emojiPayload(identifier: string): { id: string | null; name: string; animated?: true } {
  const custom = /^(a:)?([^:]+):(\d+)$/.exec(identifier);
  if (custom === null) return { id: null, name: identifier };
  return { id: custom[3] ?? null, name: custom[2] ?? '', ...(custom[1] === undefined ? {} : { animated: true as const }) };
}

/** Creates the reaction operations shared by the REST routes and the test helpers. */
export function createReactionOps(world: FakeWorld, dispatch: Dispatch) {
  const keyOf = (channelId: string, messageId: string): string => `${channelId}/${messageId}`;
  // Like Discord, a reaction already there (or already gone) changes nothing and sends no event.
  const has = (message: FakeMessage, userId: string, emoji: string): boolean =>
    (world.reactions.get(keyOf(message.channel_id, message.id)) ?? []).some((item) => item.userId === userId && item.emoji === emoji);
  const eventBase = (message: FakeMessage, user: FakeUser, emoji: string) => ({
    user_id: user.id,
    channel_id: message.channel_id,
    message_id: message.id,
    guild_id: world.guildId,
    emoji: emojiPayload(emoji),
    burst: false,
    type: 0,
  });

  return {
    /** Adds `user`'s reaction and dispatches MESSAGE_REACTION_ADD; false when it was already there. */
    add(message: FakeMessage, user: FakeUser, emoji: string): boolean {
      if (has(message, user.id, emoji)) return false;
      const key = keyOf(message.channel_id, message.id);
      world.reactions.set(key, [...(world.reactions.get(key) ?? []), { userId: user.id, emoji }]);
      const member = memberOf(world, user.id);
      dispatch('MESSAGE_REACTION_ADD', {
        ...eventBase(message, user, emoji),
        ...(member === undefined ? {} : { member: { ...member, user } }),
        message_author_id: message.author.id,
      });
      return true;
    },
    /** Removes `user`'s reaction and dispatches MESSAGE_REACTION_REMOVE (without member, as Discord does); false when it was not there. */
    remove(message: FakeMessage, user: FakeUser, emoji: string): boolean {
      if (!has(message, user.id, emoji)) return false;
      const key = keyOf(message.channel_id, message.id);
      world.reactions.set(key, (world.reactions.get(key) ?? []).filter((item) => item.userId !== user.id || item.emoji !== emoji));
      dispatch('MESSAGE_REACTION_REMOVE', eventBase(message, user, emoji));
      return true;
    },
    /** A moderator removes every reaction (or every one of `emoji`): one REMOVE_ALL / REMOVE_EMOJI dispatch, as Discord sends. */
    clear(message: FakeMessage, emoji?: string): void {
      const key = keyOf(message.channel_id, message.id);
      world.reactions.set(key, (world.reactions.get(key) ?? []).filter((item) => emoji !== undefined && item.emoji !== emoji));
      const base = { channel_id: message.channel_id, message_id: message.id, guild_id: world.guildId };
      if (emoji === undefined) dispatch('MESSAGE_REACTION_REMOVE_ALL', base);
      else dispatch('MESSAGE_REACTION_REMOVE_EMOJI', { ...base, emoji: emojiPayload(emoji) });
    },
    /** The distinct emoji anyone has on a message. */
    emojiOn(message: FakeMessage): Set<string> {
      return new Set((world.reactions.get(keyOf(message.channel_id, message.id)) ?? []).map((item) => item.emoji));
    },
        /** The emoji `userId` has on a message, in the order added. */
    of(channelId: string, messageId: string, userId: string): string[] {
      return (world.reactions.get(keyOf(channelId, messageId)) ?? []).filter((item) => item.userId === userId).map((item) => item.emoji);
    },
  };
}

/** The reaction operations of the fake. */
export type ReactionOps = ReturnType<typeof createReactionOps>;
