import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelReply, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { EMPLOYEE, startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams bot inbound authentication (Bot Framework JWTs against a fake OpenID issuer)', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  const reply = () => channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>hello</p>' });
  const expectNothingRelayed = () => {
    expect(h.events).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  };

  it('should accept the activity when the token is valid (the control case)', async () => {
    const result = await sendActivity(h.botUrl, reply(), await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toHaveLength(1);
  });

  it('should answer 401 and relay nothing when the request has no token', async () => {
    const result = await sendActivity(h.botUrl, reply());

    expect(result.status).toBe(401);
    expectNothingRelayed();
    expect(h.logs.some((line) => line['msg'] === 'refused a Teams activity: authentication failed')).toBe(true);
  });

  it('should answer 401 and relay nothing when the token is for another app', async () => {
    const token = await h.identity.mintToken({ audience: 'someone-else', serviceUrl: h.scene.serviceUrl });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
    expect(JSON.stringify(h.logs)).not.toContain(token.split('.')[2]);
  });

  it('should answer 401 and relay nothing when the token expired', async () => {
    // Beyond the five minutes of clock skew botbuilder tolerates.
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: h.scene.serviceUrl, expiresIn: -600 });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
  });

  it('should answer 401 and relay nothing when the token is signed with a key the issuer never published', async () => {
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: h.scene.serviceUrl, kid: 'rogue-key' });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
  });

  it('should answer 401 and relay nothing when the token names the published key but its signature is forged', async () => {
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: h.scene.serviceUrl, forgeSignature: true });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
  });

  it('should answer 401 and relay nothing when the token comes from another issuer', async () => {
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: h.scene.serviceUrl, issuer: 'https://sts.windows.net/evil/' });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
  });

  it('should answer 401 and relay nothing when the token was issued for a different serviceUrl', async () => {
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: 'https://smba.trafficmanager.net/emea/' });

    const result = await sendActivity(h.botUrl, reply(), token);

    expect(result.status).toBe(401);
    expectNothingRelayed();
  });

  it('should answer 403 and relay nothing when the serviceUrl is not allowed, even with a valid token for it', async () => {
    const evil = 'https://attacker.example/';
    const token = await h.identity.mintToken({ audience: h.appId, serviceUrl: evil });

    const result = await sendActivity(h.botUrl, { ...reply(), serviceUrl: evil }, token);

    expect(result.status).toBe(403);
    expectNothingRelayed();
    expect(h.identity.tokenRequests).toEqual([]);
  });

  it('should answer 403 when the serviceUrl only looks like an allowed one', async () => {
    const lookalike = h.scene.serviceUrl.replace('http://127.0.0.1', 'http://127.0.0.1.attacker.example');

    const result = await sendActivity(h.botUrl, { ...reply(), serviceUrl: lookalike }, await h.identity.mintToken({ audience: h.appId, serviceUrl: lookalike }));

    expect(result.status).toBe(403);
    expectNothingRelayed();
  });

  it('should answer 503 and relay nothing when the bot was stopped', async () => {
    await h.bot.stop();

    const result = await sendActivity(h.botUrl, reply(), await h.token());

    expect(result.status).toBe(503);
    expectNothingRelayed();
    expect(h.bot.health().ok).toBe(false);
  });
});
