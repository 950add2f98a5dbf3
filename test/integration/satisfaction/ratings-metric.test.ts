import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SATISFACTION, NO_PERMISSIONS } from '../../../core/domain/network.ts';
import type { DomainEvent } from '../../../core/domain/domain-events.ts';
import type { Network } from '../../e2e/network-harness.ts';
import { startSurveyNetwork } from './survey-network.ts';
import { eventually } from '../../support/eventually.ts';

// Ratings as the survey publishes them (the survey itself is tested with its capability): here what
// reads them in the running app, the /metrics counter and `/heimo stats`.
const rated = (conversationId: string, score: number, previousScore: number | null = null): DomainEvent => ({
  type: 'satisfaction.rated', communityId: 'acme', conversationId, asker: { platform: 'discord', userId: `u-${conversationId}` }, score, previousScore, at: new Date().toISOString(),
});

describe('satisfaction ratings in the running app', () => {
  let net: Network;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ net, close } = await startSurveyNetwork((world) => ({
      satisfaction: { ...DEFAULT_SATISFACTION, enabled: true },
      permissions: { ...NO_PERMISSIONS, discord: { moderatorRoleIds: [], staffRoleIds: [world.roles.staff.id] } },
    })));
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  it('should count each rating by community and score on /metrics when satisfaction.rated is published', async () => {
    const { jobs } = net.heimo.capabilities;
    await jobs.transaction(async (tx) => {
      await jobs.publish(tx, rated('c1', 5));
      await jobs.publish(tx, rated('c2', 5));
      await jobs.publish(tx, rated('c3', 2));
    });
    await jobs.transaction((tx) => jobs.publish(tx, rated('c3', 4, 2)));
    const sample = async (series: string): Promise<number> => {
      const text = await (await fetch(`${net.heimo.url}/metrics`)).text();
      return Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? 0);
    };
    await eventually(async () => (await sample('heimo_satisfaction_ratings_total{community="acme",score="4"}')) === 1, 'the changed rating counted');
    await eventually(async () => (await sample('heimo_satisfaction_ratings_total{community="acme",score="5"}')) === 2, 'both 5s counted');
    expect(await sample('heimo_satisfaction_ratings_total{community="acme",score="2"}')).toBe(1);
    expect(await sample('heimo_satisfaction_ratings_total{community="acme",score="1"}')).toBe(0);
  });

  it('should show the satisfaction line in /heimo stats when the community surveys', async () => {
    const now = Date.now();
    const survey = (conversationId: string, score: number | null) => net.db.prisma.satisfactionSurvey.create({
      data: { conversationId, communityId: 'acme', askerPlatform: 'discord', askerUserId: `u-${conversationId}`, askedAt: new Date(now - 3_600_000), score, ratedAt: score === null ? null : new Date(now - 60_000) },
    });
    await survey('s1', 5);
    await survey('s2', 4);
    await survey('s3', 2);
    await survey('s4', null);
    const { world } = net.discord;
    const run = net.discord.userRunsSlashCommand({ user: world.users.alice, channelId: world.ids.help, command: 'heimo', subcommand: 'stats' });
    const reply = await eventually(() => run.original ?? run.followUps.at(-1), 'the answer to alice');
    expect(reply.content).toContain('Satisfaction: 3.7/5 from 3 ratings (67% satisfied, 4 or 5), 4 surveys sent');
  });
});
