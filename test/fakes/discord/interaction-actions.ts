import type { FakeAppCommand, FakeCommandOption } from './app-commands.ts';
import { newInteraction, type FakeInteraction, type FakeModal } from './interactions.ts';
import type { MessageOps } from './messages.ts';
import type { FakeChannel, FakeMessage, FakeUser, FakeWorld } from './state.ts';

/** What a person's interaction names: who, where, and in which language their client runs. */
export interface InteractionBy {
  user: FakeUser;
  channelId: string;
  /** Discord's locale of the person's client; `en-US` unless set. */
  locale?: string;
}

const ALL_PERMISSIONS = '2251799813685247';

/** Builds and dispatches INTERACTION_CREATE payloads as Discord sends them to a gateway bot. */
export function createInteractionActions(world: FakeWorld, ops: MessageOps, dispatch: (t: string, d: unknown) => void, commands: Map<string, FakeAppCommand[]>, interactions: Map<string, FakeInteraction>) {
  const channelOf = (id: string): FakeChannel => {
    const channel = world.channels.get(id);
    if (channel === undefined) throw new Error(`fake Discord has no channel ${id}`);
    return channel;
  };
  const registered = (type: number, name: string): FakeAppCommand => {
    const found = (commands.get(world.guildId) ?? []).find((command) => command.type === type && command.name === name);
    // Discord's client only offers registered commands.
    if (found === undefined) throw new Error(`no ${type === 1 ? 'chat input' : 'message'} command "${name}" is registered in the guild`);
    return found;
  };
  const send = (by: InteractionBy, type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): FakeInteraction => {
    const channel = channelOf(by.channelId);
    const member = world.members.get(by.user.id);
    const record = newInteraction(channel.id, type);
    interactions.set(record.id, record);
    dispatch('INTERACTION_CREATE', {
      id: record.id, application_id: world.applicationId, type, data, token: record.token, version: 1,
      guild_id: world.guildId, guild: { id: world.guildId, locale: 'en-US', features: [] },
      channel_id: channel.id,
      channel: { id: channel.id, type: channel.type, guild_id: world.guildId, name: channel.name, parent_id: channel.parent_id, ...(channel.thread_metadata === undefined ? {} : { thread_metadata: channel.thread_metadata }), flags: 0, permissions: ALL_PERMISSIONS },
      member: { user: by.user, nick: member?.nick ?? null, roles: [...(member?.roles ?? [])], joined_at: member?.joined_at ?? new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, permissions: ALL_PERMISSIONS, avatar: null, premium_since: null, communication_disabled_until: null },
      locale: by.locale ?? 'en-US', guild_locale: 'en-US', app_permissions: ALL_PERMISSIONS, entitlements: [],
      authorizing_integration_owners: { '0': world.guildId }, context: 0, attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    });
    return record;
  };

  return {
    /** The guild commands registered now (what `PUT .../guilds/:gid/commands` last saved). */
    registeredCommands: (): FakeAppCommand[] => [...(commands.get(world.guildId) ?? [])],
    /** The interaction of this id, with how Heimo answered it. */
    interaction(id: string): FakeInteraction {
      const found = interactions.get(id);
      if (found === undefined) throw new Error(`no interaction ${id}`);
      return found;
    },
    /**
     * A person runs `/<command> <subcommand>` (or `<group> <subcommand>`: `kb search`) with options
     * by name; values are typed by the registered command (a user option takes a user id).
     */
    userRunsSlashCommand(by: InteractionBy & { command: string; subcommand: string; options?: Record<string, string | boolean> }): FakeInteraction {
      const root = registered(1, by.command);
      const [first = '', second] = by.subcommand.split(' ');
      const group = second === undefined ? undefined : root.options?.find((option) => option.type === 2 && option.name === first);
      const sub = (second === undefined ? root.options : group?.options)?.find((option) => option.type === 1 && option.name === (second ?? first));
      if (sub === undefined) throw new Error(`/${by.command} has no subcommand ${by.subcommand}`);
      const users: Record<string, FakeUser> = {};
      const options = Object.entries(by.options ?? {}).map(([name, value]) => {
        const declared: FakeCommandOption | undefined = sub.options?.find((option) => option.name === name);
        if (declared === undefined) throw new Error(`/${by.command} ${by.subcommand} has no option ${name}`);
        if (declared.type === 6) {
          const target = world.members.get(String(value));
          if (target !== undefined) users[target.user.id] = target.user;
        }
        return { name, type: declared.type, value };
      });
      const resolved = Object.keys(users).length === 0 ? {} : { resolved: { users } };
      const invoked = { name: sub.name, type: 1, options };
      const tree = group === undefined ? [invoked] : [{ name: group.name, type: 2, options: [invoked] }];
      return send(by, 2, { id: root.id, name: root.name, type: 1, guild_id: world.guildId, options: tree, ...resolved });
    },
    /**
     * A person submits the modal Heimo opened in answer to `interaction`, with the values they
     * typed (the rest as prefilled). Discord's client will not submit a required input left empty.
     */
    userSubmitsModal(by: InteractionBy & { interaction: FakeInteraction; values?: Record<string, string> }): FakeInteraction {
      const modal: FakeModal | null = by.interaction.modal;
      if (modal === null) throw new Error(`interaction ${by.interaction.id} was not answered with a modal`);
      const components = modal.inputs.map((input) => {
        const value = by.values?.[input.customId] ?? input.value;
        if (input.required && value === '') throw new Error(`the required input ${input.customId} is empty`);
        return { type: 18, id: 0, component: { type: 4, id: 0, custom_id: input.customId, value } };
      });
      return send(by, 5, { custom_id: modal.customId, components });
    },
    /** A person picks a message context-menu command (Apps → name) on a message. */
    userRunsMessageCommand(by: InteractionBy & { name: string; messageId: string }): FakeInteraction {
      const command = registered(3, by.name);
      const target: FakeMessage | undefined = ops.find(by.channelId, by.messageId);
      if (target === undefined) throw new Error(`no message ${by.messageId} in ${by.channelId}`);
      const { member: _member, ...message } = target;
      return send(by, 2, { id: command.id, name: command.name, type: 3, guild_id: world.guildId, target_id: target.id, resolved: { messages: { [target.id]: message } } });
    },
    /** An interaction whose `data` is whatever the test gives (malformed ones included), with a valid id and token to answer on. */
    userSendsRawInteraction(by: InteractionBy & { type: number; data: unknown }): FakeInteraction {
      return send(by, by.type, by.data as Record<string, unknown>);
    },
    /** A person presses a button on a message; Discord sends only buttons that exist on it. */
    userPressesButton(by: InteractionBy & { messageId: string; customId: string }): FakeInteraction {
      const message = ops.find(by.channelId, by.messageId);
      const buttons = ((message?.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>).flatMap((row) => row.components ?? []);
      if (message === undefined || !buttons.some((button) => button.custom_id === by.customId)) throw new Error(`no button ${by.customId} on message ${by.messageId}`);
      const { member: _member, ...shown } = message;
      return send(by, 3, { custom_id: by.customId, component_type: 2 }, { message: shown });
    },
  };
}
