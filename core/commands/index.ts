/** The command registry: definitions every platform renders, and the runner that checks, runs and audits them. */
export type { ArgValue, CommandChoice, CommandContext, CommandDefinition, CommandForm, CommandFormField, CommandGroup, CommandHandler, CommandInvocation, CommandKind, CommandOption, CommandPermission, CommandReply, CommandScope, InvokingPerson, OptionType } from './types.ts';
export type { CommandServices, CommunityStats, DeadDeliveryView, KnowledgeCommands, PersonActor, PersonRef, QuestionClock, QuestionFigures, QuestionInfo, QuestionRef, QuestionView, SuggestionFigures, TargetMessage } from './services.ts';
export { COMMAND_GROUPS, COMMANDS, commandPath, createCommandRegistry, normalName, type CommandRegistry } from './registry.ts';
export { createCommandRunner, type CommandRunner, type CommandRunnerConfig } from './create-command-runner.ts';
export { privilegeOf, isAllowed, type Privilege } from './permissions.ts';
export { checkArguments, describeProblem, type ArgumentCheck, type ArgumentProblem } from './arguments.ts';
export { QUESTION_OPTION } from './definitions/question-commands.ts';
export { parseCommandText, type ParsedCommandText } from './parse-command-text.ts';
export { formatStats, durationText, percent } from './format-stats.ts';
