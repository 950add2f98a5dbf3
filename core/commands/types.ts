import type { CanonicalText, Platform } from '../domain/types.ts';
import type { MessageKey, Translator } from '../i18n/index.ts';
import type { Privilege } from './permissions.ts';
import type { CommandServices, PersonActor, QuestionInfo, QuestionRef, TargetMessage } from './services.ts';

/** What an option holds: text, a platform user id, a team id or name, yes/no, or one of fixed choices. */
export type OptionType = 'string' | 'user' | 'team' | 'boolean' | 'choice';

/** One fixed value of a `choice` option and the catalogue key of its label. */
export interface CommandChoice {
  value: string;
  labelKey: MessageKey;
}

/** One option of a command, rendered per platform (Discord option, Slack argument, Teams text). */
export interface CommandOption {
  name: string;
  descriptionKey: MessageKey;
  type: OptionType;
  required: boolean;
  choices?: readonly CommandChoice[];
  /** Text that may run to paragraphs (an article's answer): a form shows a large box for it. */
  long?: boolean;
}

/** Who may run a command; moderators may do what staff may. `asker`: only the person who asked the question. */
export type CommandPermission = 'anyone' | 'asker' | 'asker-or-staff' | 'staff' | 'moderator';

/** Where a command works: on one question, in a channel, or anywhere. */
export type CommandScope = 'question' | 'channel' | 'any';

/**
 * A subcommand of `/heimo`, an action on a message (Discord's context menu, a Slack message
 * shortcut), or a button Heimo posts (run only by pressing it: not registered on any platform, not
 * listed by `help`).
 */
export type CommandKind = 'command' | 'message-action' | 'button';

/** An option's value as a platform hands it (Slack and Teams give text for everything). */
export type ArgValue = string | boolean;

/** The person running a command, with what each platform says about their roles. */
export interface InvokingPerson {
  userId: string;
  displayName: string;
  /** Discord roles. */
  roleIds?: readonly string[];
  /** Slack user groups. */
  userGroupIds?: readonly string[];
  /** Slack channels they are a member of (staff by channel membership). */
  channelIds?: readonly string[];
  /** Teams teams (AAD group ids). */
  teamIds?: readonly string[];
  /** The platform's locale of the person (`fi`, `en-US`, ...). */
  locale?: string;
}

/** One run of a command as an adapter hands it over. */
export interface CommandInvocation {
  communityId: string;
  platform: Platform;
  actor: InvokingPerson;
  command: string;
  args: Readonly<Record<string, ArgValue | undefined>>;
  /** Where it was run (a channel-scoped command needs it). */
  channelId?: string;
  /** The question it was run on; absent, a `question` argument (id or link) names it. */
  question?: QuestionRef;
  /** The message a message action targets. */
  targetMessage?: TargetMessage;
}

/** One field of a form: an option of the form's command, labelled and prefilled. */
export interface CommandFormField {
  name: string;
  label: string;
  value: string;
  long: boolean;
  required: boolean;
}

/**
 * A form a command asks the platform to open (a Discord modal, a Slack modal, a Teams card with
 * inputs); submitting it runs `command` with `args` and the fields' values.
 */
export interface CommandForm {
  command: string;
  /** The form's heading and submit label, in the person's language. */
  title: string;
  submit: string;
  /** Arguments the form carries unseen (the article being edited). */
  args: Readonly<Record<string, string>>;
  fields: readonly CommandFormField[];
}

/**
 * What a command answers: only the person sees a private reply. With a form, a platform that can
 * open it does so instead of showing the text; the text says how to do the same by typing.
 */
export interface CommandReply {
  visibility: 'private' | 'public';
  text: CanonicalText;
  form?: CommandForm;
}

/** What a handler gets: validated arguments, the question when the command needs one, and the services. */
export interface CommandContext {
  invocation: CommandInvocation;
  actor: PersonActor;
  /** Arguments after validation: only known options, booleans as booleans. */
  args: Readonly<Record<string, ArgValue>>;
  /** Set for question-scoped commands. */
  question: QuestionInfo | null;
  services: CommandServices;
  /** What the network file makes the person in the community (staff see staff-only articles). */
  privilege: Privilege;
  t: Translator;
  now: Date;
  /** The registry's definitions (for `help`). */
  definitions: readonly CommandDefinition[];
}

/** Runs an allowed, validated command. */
export type CommandHandler = (context: CommandContext) => Promise<CommandReply>;

/** A group of subcommands (`kb`): Discord renders it as a subcommand group, the rest as a first word. */
export interface CommandGroup {
  name: string;
  descriptionKey: MessageKey;
}

/** A command: the data every platform renders it from, and what it does. */
export interface CommandDefinition {
  /** `status`, or `kb search` for a command of the group `kb` (two words at most). */
  name: string;
  kind: CommandKind;
  descriptionKey: MessageKey;
  options: readonly CommandOption[];
  permission: CommandPermission;
  scope: CommandScope;
  handler: CommandHandler;
  /** True for a run (validated arguments) that erases the person who ran it: its audit row then names nobody. */
  forgetsActor?: (args: Readonly<Record<string, ArgValue>>) => boolean;
}
