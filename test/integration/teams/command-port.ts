import { createCommandRegistry, createCommandRunner } from '../../../core/commands/index.ts';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { CommandPort, CommandRequest } from '../../../core/ports/commands.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY, type ServiceCall } from '../../support/command-fixtures.ts';

/** The teams that make someone a moderator or staff in TEST_PERMISSIONS, as Teams' channelData names them. */
export const MODS_TEAM = { id: '19:mods@thread.tacv2', aadGroupId: 'team-mods' };
export const SUPPORT_TEAM = { id: '19:support-team@thread.tacv2', aadGroupId: 'team-support' };
/** A team that grants nothing. */
export const OTHER_TEAM = { id: '19:everyone@thread.tacv2', aadGroupId: 'team-everyone' };

/** The core's real command runner over recording services, as the port the bot gets; every request and call kept. */
export function createTestCommandPort(): { port: CommandPort; requests: CommandRequest[]; calls: ServiceCall[]; audits: AuditDraft[] } {
  const { services, calls } = createRecordingServices();
  const audits: AuditDraft[] = [];
  const registry = createCommandRegistry();
  const runner = createCommandRunner({
    registry,
    services,
    permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => void audits.push(draft) },
    translator: (locale) => translator(locale, TEST_COMMUNITY.locale),
    logger: createRecordingLogger().logger,
  });
  const requests: CommandRequest[] = [];
  const port: CommandPort = {
    definitions: registry.definitions,
    groups: registry.groups,
    run: async (request) => {
      requests.push(request);
      // The core finds the community from the channel or question; the tests have one.
      return runner.run({ ...request, communityId: TEST_COMMUNITY.id });
    },
    text: (key, locale) => translator(locale, 'en')(key),
  };
  return { port, requests, calls, audits };
}
