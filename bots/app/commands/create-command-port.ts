import type { AuditLog } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandServices } from '../../../core/commands/index.ts';
import type { ConversationLookups } from '../../../core/conversations/index.ts';
import { NO_PERMISSIONS, type NetworkConfig } from '../../../core/domain/network.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { CommandPort, CommandRequest } from '../../../core/ports/commands.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { lookUpQuestion } from '../../../core/questions/index.ts';
import { resolveCommunity } from './resolve-community.ts';

/** What the command port runs on: the network (read per command: a reload applies at once), the services, the audit. */
export interface CommandPortConfig {
  network: () => NetworkConfig;
  services: CommandServices;
  /** Finds the community of a question a command names when the place it ran in does not tell. */
  conversations: Pick<ConversationLookups, 'byId' | 'byThread'>;
  audit: Pick<AuditLog, 'record'>;
  logger: Logger;
  clock?: () => Date;
}

/** The one command port every bot gets: it finds the command's community, then runs it with that community's permissions and language. */
export function createCommandPort(config: CommandPortConfig): CommandPort {
  const registry = createCommandRegistry();
  const community = (id: string) => config.network().communities.find((candidate) => candidate.id === id);
  const runner = createCommandRunner({
    registry,
    services: config.services,
    permissions: (id) => community(id)?.permissions ?? NO_PERMISSIONS,
    audit: config.audit,
    translator: (personLocale, id) => translator(personLocale, community(id)?.locale),
    logger: config.logger,
    ...(config.clock === undefined ? {} : { clock: config.clock }),
  });

  // What the command names tells its community: its question (a typed `question` only on a question
  // command: `kb add` has a `question` of its own), else its article (an id; a link ends with it).
  const namedCommunity = async (request: CommandRequest): Promise<string | null> => {
    const onQuestion = registry.get(request.command)?.scope === 'question';
    const typed = request.args['question'];
    const ref = request.question ?? (onQuestion && typeof typed === 'string' && typed.trim() !== '' ? { text: typed } : undefined);
    if (ref !== undefined) return (await lookUpQuestion(config.conversations, null, ref))?.communityId ?? null;
    const article = request.args['article'];
    if (typeof article !== 'string' || article.trim() === '') return null;
    const id = article.trim().replace(/[?#].*$/, '').split('/').filter(Boolean).at(-1) ?? '';
    // An unknown or garbled id tells nothing; the command itself says so once it runs.
    return (await Promise.resolve().then(() => config.services.knowledge.get(decodeURIComponent(id))).catch(() => null))?.communityId ?? null;
  };

  return {
    definitions: registry.definitions,
    groups: registry.groups,
    text: (key, locale) => translator(locale)(key),
    async run(request) {
      const communityId = await resolveCommunity(config.network(), request, namedCommunity);
      if (communityId === null) {
        config.logger.info('command from a place no community owns', { platform: request.platform, command: request.command, channelId: request.channelId });
        return { visibility: 'private', text: translator(request.actor.locale)('error.noCommunity') };
      }
      const { guildId: _guildId, ...invocation } = request;
      return runner.run({ ...invocation, communityId });
    },
  };
}
