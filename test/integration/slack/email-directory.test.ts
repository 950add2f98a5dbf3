import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USERS, type SlackHarness, startSlackHarness } from './harness.ts';

// Identity joins employees' accounts by the e-mail of their Slack profile (issue 11).
describe('slack e-mail directory', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness({ fake: { users: [...USERS, { id: 'U0ANN', realName: 'Ann', email: 'Ann@Acme.test' }, { id: 'U0NOMAIL', realName: 'No Mail' }] } });
  });
  afterEach(async () => h.close());

  it('should tell the profile e-mail when the token has users:read.email', async () => {
    expect(await h.bot.delivery.emailOf?.('U0ANN')).toBe('Ann@Acme.test');
    expect(await h.bot.delivery.emailOf?.('U0NOMAIL')).toBeUndefined();
    // The name and the e-mail come from one cached users.info call.
    await h.bot.delivery.emailOf?.('U0ANN');
    expect(h.fake.callsTo('users.info').filter((call) => call.params['user'] === 'U0ANN')).toHaveLength(1);
  });

  it('should tell no e-mail when the token lacks users:read.email', async () => {
    h.fake.setScopes(['users:read']);
    expect(await h.bot.delivery.emailOf?.('U0ANN')).toBeUndefined();
  });

  it('should tell no e-mail when the user is unknown', async () => {
    expect(await h.bot.delivery.emailOf?.('U0NOBODY')).toBeUndefined();
  });
});
