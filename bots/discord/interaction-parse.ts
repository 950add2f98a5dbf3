import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, ComponentType, InteractionType } from 'discord.js';
import { z } from 'zod/v4';
import { type ArgValue, type CommandDefinition, type CommandRequest, HeimoError, type QuestionRef } from '../../core/index.ts';
import { readFormSubmit } from './command-form.ts';
import { ROOT_COMMAND } from './command-payloads.ts';

// Only the fields Heimo reads are checked; Discord adds fields without notice.
const snowflake = z.string().regex(/^\d{1,20}$/);
const loose = z.looseObject;
type RawOption = { name: string; type: number; value?: string | number | boolean | undefined; options?: RawOption[] | undefined };
const option: z.ZodType<RawOption> = z.lazy(() =>
  loose({ name: z.string(), type: z.number().int(), value: z.union([z.string(), z.number(), z.boolean()]).optional(), options: z.array(option).optional() }));
const user = loose({ id: snowflake, username: z.string(), global_name: z.string().nullish() });
const resolvedMessage = loose({ id: snowflake, channel_id: snowflake, author: loose({ id: snowflake }).optional() });

/** The part of an INTERACTION_CREATE Heimo needs to answer it at all: its id and token. */
const answerable = loose({ id: snowflake, application_id: snowflake, token: z.string().min(1).max(500) });

const interaction = answerable.extend({
  type: z.number().int(),
  guild_id: snowflake.optional(),
  channel: loose({ id: snowflake, type: z.number().int() }).optional(),
  channel_id: snowflake.optional(),
  // Role ids are snowflakes on Discord; any id is taken (the network file names roles, Heimo only compares them).
  member: loose({ user, nick: z.string().nullish(), roles: z.array(z.string().min(1).max(64)) }).optional(),
  user: user.optional(),
  locale: z.string().optional(),
  data: loose({
    name: z.string().optional(),
    type: z.number().int().optional(),
    options: z.array(option).optional(),
    target_id: snowflake.optional(),
    resolved: loose({ messages: z.record(z.string(), resolvedMessage).optional() }).optional(),
    custom_id: z.string().max(100).optional(),
    component_type: z.number().int().optional(),
    // A modal's fields; read loosely (labels, rows) by command-form.ts.
    components: z.array(z.unknown()).max(10).optional(),
  }).optional(),
});

/** Where Heimo's answer goes: the interaction's id, token and application. */
export interface InteractionKey {
  id: string;
  token: string;
  applicationId: string;
  locale?: string;
}

/**
 * An interaction Heimo understood (a command request to run; `submitted` when it came from a
 * modal, which cannot be answered with another), or one it could not (answered with an error when it has a token).
 */
export type ParsedInteraction =
  | { kind: 'command'; key: InteractionKey; request: CommandRequest; submitted?: boolean }
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string; key?: InteractionKey };

const CUSTOM_ID = /^heimo:([^:]{1,40})(?::([^:]*))?(?::(.+))?$/;
const CUSTOM_ID_MAX = 100;

/**
 * A button's custom_id: `heimo:<command>:<conversationId>[:<name>=<value>&…]` (the arguments of a
 * button that passes some, e.g. `article=<id>` under a suggestion), at most Discord's 100
 * characters: the conversation id is dropped, not cut, when too long (the thread names the
 * question then); arguments that do not fit are an error (the button could not do its work).
 */
export function customIdFor(command: string, conversationId: string, args: Readonly<Record<string, string>> = {}): string {
  const encoded = new URLSearchParams(Object.entries(args)).toString();
  const tail = encoded === '' ? '' : `:${encoded}`;
  const full = `heimo:${command}:${conversationId}${tail}`;
  if (full.length <= CUSTOM_ID_MAX) return full;
  const short = encoded === '' ? `heimo:${command}` : `heimo:${command}:${tail}`;
  if (short.length > CUSTOM_ID_MAX) throw new HeimoError('BAD_INPUT', `the arguments of button ${command} do not fit a Discord custom_id`, { context: { command } });
  return short;
}

// A button's arguments as the command takes them.
const buttonArgs = (encoded: string | undefined): Record<string, ArgValue> => (encoded === undefined ? {} : Object.fromEntries(new URLSearchParams(encoded)));

const THREADS = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

function argsOf(options: readonly RawOption[] | undefined): Record<string, ArgValue> {
  const args: Record<string, ArgValue> = {};
  for (const given of options ?? []) {
    if (given.value === undefined) continue;
    // A user option's value is the user's id; numbers are kept as text like every platform's.
    args[given.name] = typeof given.value === 'boolean' ? given.value : String(given.value);
  }
  return args;
}

/**
 * Turns a raw INTERACTION_CREATE payload into the command request the core runs: `/heimo <sub>`
 * or `/heimo <group> <sub>` (chat input), a message context-menu command (by its English name), a
 * Heimo button (custom_id `heimo:<command>[:<conversationId>][:<arguments>]`), or a submitted Heimo
 * form (a modal: see command-form.ts). Run in a thread, the thread is the question.
 */
export function parseInteraction(raw: unknown, messageActions: ReadonlyMap<string, CommandDefinition>): ParsedInteraction {
  const parsed = interaction.safeParse(raw);
  if (!parsed.success) {
    const key = answerable.safeParse(raw);
    const issue = parsed.error.issues[0];
    const reason = `${(issue?.path ?? []).map((part) => (typeof part === 'number' ? '*' : String(part))).join('.') || 'payload'}: ${issue?.code ?? 'invalid'}`;
    return { kind: 'malformed', reason, ...(key.success ? { key: { id: key.data.id, token: key.data.token, applicationId: key.data.application_id } } : {}) };
  }
  const d = parsed.data;
  const key: InteractionKey = { id: d.id, token: d.token, applicationId: d.application_id, ...(d.locale === undefined ? {} : { locale: d.locale }) };
  if (d.type === InteractionType.Ping || d.type === InteractionType.ApplicationCommandAutocomplete) return { kind: 'ignored', reason: `interaction type ${d.type}` };
  const person = d.member?.user ?? d.user;
  const data = d.data;
  if (person === undefined || data === undefined) return { kind: 'malformed', reason: 'no member, user or data', key };
  const channelId = d.channel?.id ?? d.channel_id;
  const inThread = d.channel !== undefined && THREADS.has(d.channel.type);
  const threadQuestion: QuestionRef | undefined = inThread && channelId !== undefined ? { platform: 'discord', channelId, threadId: channelId } : undefined;
  const base = {
    platform: 'discord' as const,
    ...(d.guild_id === undefined ? {} : { guildId: d.guild_id }),
    actor: {
      userId: person.id,
      displayName: d.member?.nick ?? person.global_name ?? person.username,
      roleIds: d.member?.roles ?? [],
      ...(d.locale === undefined ? {} : { locale: d.locale }),
    },
    ...(channelId === undefined ? {} : { channelId }),
  };
  const command = (name: string, args: Record<string, ArgValue>, question: QuestionRef | undefined, extra: Partial<CommandRequest> = {}): Extract<ParsedInteraction, { kind: 'command' }> =>
    ({ kind: 'command', key, request: { ...base, command: name, args, ...(question === undefined ? {} : { question }), ...extra } });

  if (d.type === InteractionType.ApplicationCommand && data.type === ApplicationCommandType.ChatInput) {
    const first = data.options?.[0];
    // `/heimo kb search`: the group `kb` holds the subcommand `search`, which runs the command `kb search`.
    const grouped = first?.type === ApplicationCommandOptionType.SubcommandGroup ? first.options?.[0] : undefined;
    const sub = grouped ?? first;
    if (data.name !== ROOT_COMMAND || sub?.type !== ApplicationCommandOptionType.Subcommand) return { kind: 'malformed', reason: `not a /${ROOT_COMMAND} subcommand`, key };
    return command(grouped === undefined ? sub.name : `${first?.name ?? ''} ${sub.name}`, argsOf(sub.options), threadQuestion);
  }
  if (d.type === InteractionType.ModalSubmit) {
    const submitted = readFormSubmit(data.custom_id ?? '', data.components);
    if (submitted === undefined) return { kind: 'ignored', reason: 'not a Heimo form' };
    return { ...command(submitted.command, submitted.args, threadQuestion), submitted: true };
  }
  if (d.type === InteractionType.ApplicationCommand && data.type === ApplicationCommandType.Message) {
    const definition = messageActions.get(data.name ?? '');
    const target = data.target_id === undefined ? undefined : data.resolved?.messages?.[data.target_id];
    if (definition === undefined || target === undefined) return { kind: 'malformed', reason: 'unknown message command or no target message', key };
    const targetMessage = { platform: 'discord' as const, channelId: target.channel_id, messageId: target.id, ...(target.author === undefined ? {} : { authorId: target.author.id }) };
    return command(definition.name, {}, threadQuestion, { targetMessage });
  }
  if (d.type === InteractionType.MessageComponent && data.component_type === ComponentType.Button) {
    const match = CUSTOM_ID.exec(data.custom_id ?? '');
    if (match === null) return { kind: 'ignored', reason: 'not a Heimo button' };
    const conversationId = match[2];
    return command(match[1] ?? '', buttonArgs(match[3]), conversationId === undefined || conversationId === '' ? threadQuestion : { conversationId });
  }
  return { kind: 'ignored', reason: `interaction type ${d.type}` };
}
