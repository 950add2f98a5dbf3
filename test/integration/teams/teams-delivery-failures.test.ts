import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../core/domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import { createFakeConnector } from '../../fakes/teams/fake-connector.ts';
import { installation, sendActivity } from '../../fakes/teams/send-activity.ts';
import { message, view } from './delivery-fixtures.ts';
import { EMPLOYEE, eachTeamsHarness, startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams delivery failures (one attempt each: Heimo’s outbox owns retries)', () => {
  let h: TeamsHarness;
  let destination: Destination;
  eachTeamsHarness((harness, channel) => {
    h = harness;
    destination = channel;
  });

  it('should throw RateLimitedError with the connector’s Retry-After after a single attempt when Teams answers 429', async () => {
    const ref = await h.bot.delivery.postCard(destination, view());
    h.connector.failNext({ status: 429, retryAfterSeconds: 7 });

    const failure = await h.bot.delivery.postMessage(ref, message()).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RateLimitedError);
    expect((failure as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(h.connector.callsTo('sendToConversation')).toHaveLength(1);
  });

  it('should throw a retryable PLATFORM_UNAVAILABLE after a single attempt when Teams answers 500', async () => {
    h.connector.failNext({ status: 500 });

    const failure = await h.bot.delivery.postCard(destination, view()).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(HeimoError);
    expect(failure).not.toBeInstanceOf(PlatformRejectedError);
    expect((failure as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');
    expect((failure as HeimoError).context).toMatchObject({ method: 'createConversation', status: 500 });
    expect(h.connector.callsTo('createConversation')).toHaveLength(1);
  });

  it('should throw PlatformRejectedError when Teams refuses the request with 403', async () => {
    h.connector.failNext({ status: 403 });

    await expect(h.bot.delivery.postCard(destination, view())).rejects.toBeInstanceOf(PlatformRejectedError);
  });

  it('should throw a retryable PLATFORM_UNAVAILABLE when the connector cannot be reached', async () => {
    await h.connector.close();

    const failure = await h.bot.delivery.postCard(destination, view()).catch((error: unknown) => error);

    expect((failure as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');
  });
});

describe('Teams delivery with a wrong app secret', () => {
  it('should throw a retryable PLATFORM_UNAVAILABLE naming the token stage and call no connector', async () => {
    const h = await startTeamsHarness({ config: { appPassword: 'not-the-secret' } });
    try {
      const failure = await h.bot.delivery
        .postCard({ platform: 'teams', channelId: h.scene.channelId, teamId: h.scene.teamId }, view())
        .catch((error: unknown) => error);

      expect((failure as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');
      expect((failure as HeimoError).context).toMatchObject({ stage: 'token' });
      expect(h.identity.tokenRequests.map((request) => request.granted)).toEqual([false]);
      expect(h.connector.calls).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('Teams delivery to a team Heimo heard from', () => {
  it('should post through the connector the team’s installationUpdate came from when the app was installed there', async () => {
    let h: TeamsHarness | undefined;
    const regional = await createFakeConnector({ acceptToken: (token) => token !== undefined && (h?.identity.issuedTokens.has(token) ?? false), pathPrefix: 'emea' });
    h = await startTeamsHarness({ extraAllowed: [regional.serviceUrl] });
    try {
      const scene = { ...h.scene, serviceUrl: regional.serviceUrl };
      const installed = await sendActivity(h.botUrl, installation(scene, EMPLOYEE), await h.identity.mintToken({ audience: h.appId, serviceUrl: regional.serviceUrl }));

      await h.bot.delivery.postCard({ platform: 'teams', channelId: '19:another-channel@thread.tacv2', teamId: scene.teamId }, view());

      expect(installed.status).toBe(200);
      expect(regional.callsTo('createConversation')).toHaveLength(1);
      expect(h.connector.calls).toEqual([]);
    } finally {
      await h.close();
      await regional.close();
    }
  });
});
