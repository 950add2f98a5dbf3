import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { presentsToken } from '../../bots/app/ops-routes.ts';
import { countOutcome, rejectionReason } from '../../bots/app/count-rejections.ts';
import { defineCommunity, type NetworkConfig } from '../../core/domain/network.ts';
import { createReadiness } from '../../core/health/readiness.ts';
import { unconfiguredRouteChecks } from '../../core/health/route-checks.ts';
import { createRecordingMetrics } from '../../core/metrics/metrics.ts';

describe('readiness', () => {
  it('should show operators the details and everyone else only summaries when a check fails', async () => {
    const readiness = createReadiness({ unconfigured: () => ['teams'] });
    readiness.add('slack', () => ({ ok: true, detail: 'connected as U0HEIMOBOT', summary: 'connected' }));
    readiness.add('discord', () => ({ ok: false, detail: 'login failed: connect ECONNREFUSED 10.0.0.7:443', summary: 'not connected' }));
    readiness.add('queue', async () => ({ ok: true, detail: 'redis connected' }));
    const open = await readiness.report('public');
    expect(open).toEqual({
      ok: false,
      checks: { slack: { ok: true, detail: 'connected' }, discord: { ok: false, detail: 'not connected' }, queue: { ok: true, detail: 'ok' } },
      unconfigured: ['teams'],
    });
    const detailed = await readiness.report('detailed');
    expect(detailed.checks['discord']?.detail).toContain('ECONNREFUSED');
    expect(detailed.checks['slack']?.detail).toBe('connected as U0HEIMOBOT');
  });

  it('should fail a check without its error text when it throws or does not answer in time', async () => {
    const readiness = createReadiness({ timeoutMs: 50 });
    readiness.add('thrower', () => {
      throw new Error('password=hunter2 rejected');
    });
    readiness.add('sleeper', () => new Promise(() => undefined));
    const open = await readiness.report('public');
    expect(open.ok).toBe(false);
    expect(open.checks).toEqual({ thrower: { ok: false, detail: 'check failed' }, sleeper: { ok: false, detail: 'not answering' } });
    expect((await readiness.report('detailed')).checks['sleeper']?.detail).toBe('no answer within 50 ms');
  });

  it('should name each unconfigured platform the network routes through when credentials are missing', () => {
    const network: NetworkConfig = {
      internalMarkers: [],
      communities: [
        defineCommunity({
          id: 'acme',
          name: 'Acme',
          discordGuildId: 'g',
          routes: [
            { discordChannelId: '201', destination: { platform: 'slack', channelId: 'C1' } },
            { discordChannelId: '202', destination: { platform: 'teams', teamId: 'T', channelId: '19:x' } },
          ],
        }),
      ],
    };
    const checks = unconfiguredRouteChecks(network, { teams: ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'] });
    expect([...checks.keys()]).toEqual(['teams']);
    expect(checks.get('teams')).toMatchObject({ ok: false, summary: 'not configured, but the network file routes through it' });
    expect(checks.get('teams')?.detail).toContain('MICROSOFT_APP_ID');
    expect(checks.get('teams')?.detail).toContain('acme: 202 -> teams 19:x');
    expect([...unconfiguredRouteChecks(network, { discord: ['DISCORD_TOKEN'], slack: ['SLACK_BOT_TOKEN'] }).keys()].sort()).toEqual(['discord', 'slack']);
    expect(unconfiguredRouteChecks({ internalMarkers: [], communities: [] }, { teams: [] }).size).toBe(0);
  });
});

describe('operations helpers', () => {
  const request = (authorization?: string): IncomingMessage => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

  it('should accept the admin token only when it is presented exactly as a bearer token', () => {
    const token = 'admin-token-0123456789';
    expect(presentsToken(request(`Bearer ${token}`), token)).toBe(true);
    expect(presentsToken(request(`bearer ${token}`), token)).toBe(true);
    expect(presentsToken(request(`Bearer ${token}x`), token)).toBe(false);
    expect(presentsToken(request(`Bearer ${token.slice(0, -1)}`), token)).toBe(false);
    expect(presentsToken(request(token), token)).toBe(false);
    expect(presentsToken(request(), token)).toBe(false);
    expect(presentsToken(request('Bearer anything'), null)).toBe(false);
  });

  it('should name a rejection by its HTTP status when a bot route refuses an event', () => {
    expect(rejectionReason(200)).toBeUndefined();
    expect(rejectionReason(401)).toBe('unauthorized');
    expect(rejectionReason(403)).toBe('forbidden');
    expect(rejectionReason(413)).toBe('too_large');
    expect(rejectionReason(400)).toBe('malformed');
    expect(rejectionReason(503)).toBe('not_ready');
    expect(rejectionReason(429)).toBe('http_429');
    expect(rejectionReason(500)).toBeUndefined();
  });

  it('should count relay outcomes that were not taken when the relay drops an event', () => {
    const metrics = createRecordingMetrics();
    countOutcome({ status: 'accepted', conversationId: 'c' }, 'slack', metrics);
    countOutcome({ status: 'unchanged', reason: 'same text' }, 'slack', metrics);
    countOutcome({ status: 'echo', reason: 'Heimo posted this message' }, 'slack', metrics);
    countOutcome({ status: 'unrouted', reason: 'channel x' }, 'discord', metrics);
    expect(metrics.calls).toEqual([
      ['inboundRejected', 'slack', 'echo'],
      ['inboundRejected', 'discord', 'unrouted'],
    ]);
  });
});
