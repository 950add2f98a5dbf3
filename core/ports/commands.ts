import type { CommandDefinition, CommandGroup, CommandInvocation, CommandReply } from '../commands/index.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * A command as a bot hands it over: the invocation without its community, which the core finds
 * from the Discord guild, the Slack/Teams channel (a team's destination) or the question itself.
 */
export type CommandRequest = Omit<CommandInvocation, 'communityId'> & { guildId?: string };

/** What a bot renders commands from and hands them to (the core's one command registry). */
export interface CommandPort {
  /** Every command and message action, as each platform renders them (Discord commands, Slack manifest, Teams commandLists). */
  readonly definitions: readonly CommandDefinition[];
  /** The groups grouped commands belong to (`kb`): Discord renders them as subcommand groups. */
  readonly groups: readonly CommandGroup[];
  /** Runs a command for a person; answers within the platform's deadline is the bot's job (defer when slow). */
  run(request: CommandRequest): Promise<CommandReply>;
  /** A catalogue text in a locale (`en`, `fi`, `sk`; English when absent): command and option descriptions. */
  text(key: MessageKey, locale?: string): string;
}
