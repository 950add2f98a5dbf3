import { describe, expect, it } from 'vitest';
import { readTeamsEnv } from '../../../bots/teams/config.ts';
import type { Destination } from '../../../core/domain/types.ts';
import { hasCode } from '../../../core/errors.ts';
import { EMPLOYEE, startTeamsHarness } from './harness.ts';
import { view } from './delivery-fixtures.ts';
import { installation, sendActivity } from '../../fakes/teams/send-activity.ts';

const CREDENTIALS = { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555' };

describe('Teams service URL: the allowlist is the setting', () => {
  it('should have no fallback connector when only TEAMS_ALLOWED_SERVICE_URLS names a sovereign cloud', () => {
    const read = readTeamsEnv({ ...CREDENTIALS, TEAMS_ALLOWED_SERVICE_URLS: 'https://smba.infra.gov.teams.microsoft.us/' });

    expect(read.status === 'configured' && read.config.serviceUrl).toBe(undefined);
  });

  it('should keep the public cloud connector as fallback when the allowlist holds it', () => {
    const read = readTeamsEnv({ ...CREDENTIALS, TEAMS_ALLOWED_SERVICE_URLS: 'https://smba.trafficmanager.net/' });

    expect(read.status === 'configured' && read.config.serviceUrl).toBe('https://smba.trafficmanager.net/teams/');
  });

  it('should start and post through the connector its activities name when only TEAMS_ALLOWED_SERVICE_URLS is set', async () => {
    // The harness sets TEAMS_ALLOWED_SERVICE_URLS to its fake connector; TEAMS_SERVICE_URL stays unset.
    const h = await startTeamsHarness({ env: { TEAMS_SERVICE_URL: undefined } });
    try {
      const destination: Destination = { platform: 'teams', channelId: h.scene.channelId, teamId: h.scene.teamId };
      const early = await h.bot.delivery.postCard(destination, view()).then(
        () => null,
        (error: unknown) => error,
      );
      expect(hasCode(early, 'NOT_CONNECTED') && early.message).toContain('TEAMS_SERVICE_URL');
      expect(h.connector.callsTo('createConversation')).toHaveLength(0);

      // The app is installed in the team: Teams tells Heimo where the team lives.
      expect((await sendActivity(h.botUrl, installation(h.scene, EMPLOYEE), await h.token())).status).toBe(200);
      await h.bot.delivery.postCard(destination, view({ idempotencyKey: 'card-after-install' }));

      expect(h.connector.callsTo('createConversation')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
