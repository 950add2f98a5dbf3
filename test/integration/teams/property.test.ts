import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelReply, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { mutatedJson, propertyRuns, showsGarbage } from '../../support/mutate-json.ts';
import { EMPLOYEE, startTeamsHarness, type TeamsHarness } from './harness.ts';

const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

describe('Teams endpoint, property-based (valid token)', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await h.close();
  });

  it('should never crash, answer 5xx or hand on garbage text when activities are mutated arbitrarily', async () => {
    const base = channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>hello</p>' });
    const keys = ['type', 'id', 'from', 'recipient', 'conversation', 'channelId', 'text', 'attachments', 'entities', 'channelData', 'replyToId', 'reactionsAdded', 'reactionsRemoved', 'textFormat', 'timestamp'];
    const token = await h.token();
    await fc.assert(
      fc.asyncProperty(mutatedJson(base, keys), async (activity) => {
        const before = h.events.length;
        const result = await sendActivity(h.botUrl, { ...activity, serviceUrl: h.scene.serviceUrl }, token);
        expect(result.status).toBeLessThan(500);
        expect(crashes).toEqual([]);
        for (const handed of h.events.slice(before)) {
          const text = 'text' in handed ? handed.text : '';
          expect(showsGarbage(text, activity)).toBe(false);
        }
      }),
      propertyRuns(60),
    );
    const after = channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>still relaying</p>' });
    expect((await sendActivity(h.botUrl, after, token)).status).toBe(200);
    expect(h.events.at(-1)).toMatchObject({ text: 'still relaying' });
  });
});
