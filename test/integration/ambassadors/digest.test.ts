import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_TIMER, digestKey, nextDigestAt, previousDigestAt } from '../../../core/ambassadors/index.ts';
import type { DigestConfig } from '../../../core/domain/network.ts';
import { eventually } from '../../support/eventually.ts';
import { createJobsWorld, JOB_SETUPS, type JobsWorld } from '../jobs/job-harness.ts';
import { startSlackHarness, type SlackHarness } from '../slack/harness.ts';
import { ambassadorsNetwork, createAmbassadorsWorld } from './ambassadors-world.ts';

// The weekly digest on the real job system, posted to the fake Slack by the Slack bot's delivery.
// The digest is due this very hour (Helsinki time), so `schedule()` at start sets the missed
// week's timer in the past and it fires at once; fired again for the same week, it posts nothing.

const CHANNEL = 'C0DIGEST';

describe.each(JOB_SETUPS)('ambassador digest on the real job system: $label', (setup) => {
  let world: JobsWorld;
  let slack: SlackHarness;

  beforeAll(async () => {
    world = await createJobsWorld(setup);
    slack = await startSlackHarness({ start: false });
  }, 120_000);
  afterAll(async () => {
    await world?.dispose();
    await slack?.close();
  });

  it('should post the week digest once in the configured Slack channel, with the asker who rated 5/5, and re-arm for next week even when the timer fires twice', async () => {
    const local = DateTime.now().setZone('Europe/Helsinki');
    const digest: DigestConfig = { destination: { platform: 'slack', channelId: CHANNEL }, weekday: local.weekday, hour: local.hour, timeZone: 'Europe/Helsinki' };
    const network = ambassadorsNetwork({ digest, locale: 'fi' });
    const { jobs } = await world.start();
    const ambassadors = createAmbassadorsWorld(world.db, jobs, network, { slack: slack.bot.delivery });
    await ambassadors.person({ platform: 'discord', userId: 'd-ann', displayName: 'Ann' });
    await ambassadors.credit({ platform: 'discord', userId: 'd-ann' }, 12, new Date(Date.now() - 2 * 86_400_000));
    // Two askers rated their solved questions: Ivy 5/5, a reference candidate; Jon 2/5, not one.
    await ambassadors.person({ platform: 'discord', userId: 'd-ivy', displayName: 'Ivy' });
    await ambassadors.person({ platform: 'discord', userId: 'd-jon', displayName: 'Jon' });
    await ambassadors.rated({ platform: 'discord', userId: 'd-ivy' }, 5, new Date(Date.now() - 2 * 86_400_000));
    await ambassadors.rated({ platform: 'discord', userId: 'd-jon' }, 2, new Date(Date.now() - 2 * 86_400_000));
    await jobs.start();

    await ambassadors.ambassadors.schedule();
    const slot = previousDigestAt(digest, new Date());
    const posted = () => slack.fake.messages.filter((message) => message.channel === CHANNEL);
    await eventually(() => posted().length === 1, 'the digest in Slack', 15_000);
    const next = nextDigestAt(digest, new Date());
    const timerDue = async (): Promise<number | undefined> => {
      const { rows } = await world.db.pool.query<{ ms: string }>(`SELECT (EXTRACT(EPOCH FROM "dueAt") * 1000)::bigint AS "ms" FROM "Timer" WHERE "key" = $1::text`, [digestKey('acme')]);
      return rows[0] === undefined ? undefined : Number(rows[0].ms);
    };
    await eventually(async () => (await timerDue()) === next.getTime(), 'the timer re-armed for next week', 15_000);
    expect(posted()[0]?.text).toContain('*Acme: lähettiläät*');
    expect(posted()[0]?.text).toContain('1. Ann: 12 pistettä');
    expect(posted()[0]?.text).toContain('• Ivy: arvio 5/5');
    expect(posted()[0]?.text).not.toContain('Jon');

    // The same week's timer fires again (a re-delivered job, a second worker): nothing is posted.
    await jobs.transaction((tx) => jobs.setTimer(tx, { key: digestKey('acme'), kind: DIGEST_TIMER, dueAt: slot, payload: { communityId: 'acme' } }));
    await eventually(async () => (await timerDue()) === next.getTime(), 'the second firing to re-arm the timer', 15_000);
    expect(posted()).toHaveLength(1);
    const { rows } = await world.db.pool.query<{ week: string }>(`SELECT "week" FROM "AmbassadorDigest" WHERE "communityId" = 'acme'`);
    expect(rows.map((row) => row.week)).toEqual([DateTime.fromJSDate(slot, { zone: 'Europe/Helsinki' }).toFormat("kkkk-'W'WW")]);
  });
});
