import { InteractionResponseType, MessageFlags } from 'discord.js';
import { type CommandDefinition, type CommandPort, type CommandReply, type Logger, recordRejectedInput } from '../../core/index.ts';
import type { DiscordApi } from './api.ts';
import { modalOf } from './command-form.ts';
import { menuName } from './command-payloads.ts';
import { DiscordCode, discordCodeOf } from './errors.ts';
import { parseInteraction, type InteractionKey } from './interaction-parse.ts';
import { clip, MESSAGE_LIMIT } from './render.ts';
import { canonicalToDiscord } from './text-out.ts';

/** What answering interactions needs: the REST layer, the core's commands, and when to defer. */
export interface InteractionHandlerConfig {
  api: Pick<DiscordApi, 'interactionCallback' | 'editOriginal' | 'deleteOriginal' | 'followUp'>;
  commands: CommandPort;
  logger: Logger;
  /** Discord allows 3 s for the first answer; a run not done by then is deferred. 1.5 s unless set. */
  deferAfterMs?: number;
}

const NO_PINGS = { parse: [] as string[] };

const bodyOf = (reply: CommandReply) => ({
  content: clip(canonicalToDiscord(reply.text), MESSAGE_LIMIT),
  allowed_mentions: NO_PINGS,
  ...(reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}),
});

// A deferred answer's visibility is fixed when deferring, before the reply is known: commands
// anyone may run (help, status) only read and answer privately; the others change a question and
// say so to everyone. A reply that turns out otherwise (a refusal) replaces the deferred one.
const expectsPublic = (definition: CommandDefinition | undefined): boolean => definition !== undefined && definition.scope === 'question' && definition.permission !== 'anyone';

/** Answers Heimo's interactions from raw INTERACTION_CREATE dispatches within Discord's 3 seconds. */
export function createInteractionHandler(config: InteractionHandlerConfig) {
  const { api, commands, logger } = config;
  const deferAfterMs = config.deferAfterMs ?? 1_500;
  const byName = new Map(commands.definitions.map((definition) => [definition.name, definition]));
  const messageActions = new Map(commands.definitions.filter((definition) => definition.kind === 'message-action').map((definition) => [menuName(commands, definition), definition]));

  const failure = (key: InteractionKey): CommandReply => ({ visibility: 'private', text: commands.text('error.failed', key.locale) });

  // A form opens as a modal, which must be the interaction's first answer (and never a modal's):
  // otherwise, or when it does not fit Discord's limits, the reply's text says how to type it.
  async function answer(key: InteractionKey, command: string, run: Promise<CommandReply>, canOpenForm = false): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), deferAfterMs);
    });
    const first = await Promise.race([run, slow]);
    clearTimeout(timer);
    if (first !== 'slow') {
      const modal = canOpenForm && first.form !== undefined ? modalOf(first.form) : undefined;
      if (modal !== undefined) await api.interactionCallback(key.id, key.token, { type: InteractionResponseType.Modal, data: modal });
      else await api.interactionCallback(key.id, key.token, { type: InteractionResponseType.ChannelMessageWithSource, data: bodyOf(first) });
      return;
    }
    const publicly = expectsPublic(byName.get(command));
    await api.interactionCallback(key.id, key.token, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: publicly ? {} : { flags: MessageFlags.Ephemeral } });
    const reply = await run;
    if ((reply.visibility === 'public') === publicly) {
      const { flags: _flags, ...edit } = bodyOf(reply);
      await api.editOriginal(key.applicationId, key.token, edit);
      return;
    }
    // The deferred answer's visibility cannot change: remove it and answer anew with the right one.
    await api.deleteOriginal(key.applicationId, key.token);
    await api.followUp(key.applicationId, key.token, bodyOf(reply));
  }

  const report = (key: InteractionKey, command: string, error: unknown): void => {
    const late = discordCodeOf(error) === DiscordCode.UnknownInteraction;
    logger[late ? 'warn' : 'error'](late ? 'discord: interaction expired before Heimo answered' : 'discord: could not answer an interaction', { interactionId: key.id, command, error });
  };

  return {
    /** Handles one gateway dispatch if it is an interaction; never throws. */
    onDispatch(t: unknown, d: unknown): void {
      if (t !== 'INTERACTION_CREATE') return;
      const parsed = parseInteraction(d, messageActions);
      if (parsed.kind === 'ignored') {
        logger.debug('discord: interaction ignored', { reason: parsed.reason });
        return;
      }
      if (parsed.kind === 'malformed') {
        logger.warn('discord: malformed interaction', { reason: parsed.reason, ...(parsed.key === undefined ? {} : { interactionId: parsed.key.id }) });
        recordRejectedInput({ platform: 'discord', reason: `INTERACTION_CREATE ${parsed.reason}` });
        const key = parsed.key;
        if (key !== undefined) answer(key, '', Promise.resolve(failure(key))).catch((error: unknown) => report(key, '', error));
        return;
      }
      const { key, request } = parsed;
      const run = commands.run(request).catch((error: unknown): CommandReply => {
        logger.error('discord: command run failed', { command: request.command, error });
        return failure(key);
      });
      answer(key, request.command, run, parsed.submitted !== true).catch((error: unknown) => report(key, request.command, error));
    },
  };
}

/** Answers Heimo's interactions. */
export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
