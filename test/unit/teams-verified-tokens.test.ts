import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { rememberVerifiedTokens } from '../../bots/teams/verified-tokens.ts';

const token = (exp: number): string => `Bearer h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const activity = (serviceUrl: string): Activity => ({ serviceUrl, channelId: 'msteams' }) as Activity;

// A stand-in for the SDK's verifier that counts verifications and refuses the header "bad".
function countingAuthentication(): { authentication: BotFrameworkAuthentication; verifications: () => number } {
  let count = 0;
  const authentication = {
    authenticateRequest: async (_activity: Activity, header: string) => {
      count += 1;
      if (header === 'bad') throw new Error('Unauthorized');
      return { audience: 'a' } as unknown as AuthenticateRequestResult;
    },
  } as unknown as BotFrameworkAuthentication;
  return { authentication, verifications: () => count };
}

describe('rememberVerifiedTokens', () => {
  it('should verify a token once when the same token and service URL come again', async () => {
    const { authentication, verifications } = countingAuthentication();
    let clock = 1_000_000;
    rememberVerifiedTokens(authentication, { now: () => clock });
    const header = token(clock / 1000 + 3600);
    await authentication.authenticateRequest(activity('https://smba/'), header);
    clock += 1000;
    await authentication.authenticateRequest(activity('https://smba/'), header);
    expect(verifications()).toBe(1);
    await authentication.authenticateRequest(activity('https://other/'), header);
    expect(verifications()).toBe(2);
  });

  it('should verify again when the token expired or the maximum age passed', async () => {
    const { authentication, verifications } = countingAuthentication();
    let clock = 1_000_000;
    rememberVerifiedTokens(authentication, { now: () => clock, maxAgeMs: 60_000 });
    const soon = token(clock / 1000 + 10);
    await authentication.authenticateRequest(activity('https://smba/'), soon);
    clock += 11_000;
    await authentication.authenticateRequest(activity('https://smba/'), soon);
    expect(verifications()).toBe(2);
    const later = token(clock / 1000 + 3600);
    await authentication.authenticateRequest(activity('https://smba/'), later);
    clock += 61_000;
    await authentication.authenticateRequest(activity('https://smba/'), later);
    expect(verifications()).toBe(4);
  });

  it('should never remember a refusal when verification fails', async () => {
    const { authentication, verifications } = countingAuthentication();
    rememberVerifiedTokens(authentication);
    await expect(authentication.authenticateRequest(activity('https://smba/'), 'bad')).rejects.toThrow('Unauthorized');
    await expect(authentication.authenticateRequest(activity('https://smba/'), 'bad')).rejects.toThrow('Unauthorized');
    expect(verifications()).toBe(2);
  });

  it('should reuse one connector client per service URL and audience when activities share a verified token', async () => {
    let built = 0;
    const authentication = {
      authenticateRequest: async () =>
        ({ audience: 'a', connectorFactory: { create: async (serviceUrl: string) => ({ serviceUrl, n: (built += 1) }) } }) as unknown as AuthenticateRequestResult,
    } as unknown as BotFrameworkAuthentication;
    rememberVerifiedTokens(authentication, { now: () => 1_000_000 });
    const header = token(1_000 + 3600);
    const first = await authentication.authenticateRequest(activity('https://smba/'), header);
    const again = await authentication.authenticateRequest(activity('https://smba/'), header);
    const a = await first.connectorFactory!.create('https://smba/', 'aud');
    const b = await again.connectorFactory!.create('https://smba/', 'aud');
    const other = await again.connectorFactory!.create('https://smba/', 'other-aud');
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    expect(built).toBe(2);
  });
});
