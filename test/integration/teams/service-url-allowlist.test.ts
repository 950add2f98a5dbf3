import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_SERVICE_URLS } from '../../../bots/teams/config.ts';
import { createServiceUrlAllowlist } from '../../../bots/teams/service-url-allowlist.ts';
import { HeimoError } from '../../../core/errors.ts';

describe('serviceUrl allowlist', () => {
  const allowlist = createServiceUrlAllowlist([...DEFAULT_ALLOWED_SERVICE_URLS, 'https://proxy.example/bots/teams/']);

  it('should allow Teams’ own connectors when the defaults are used', () => {
    for (const url of [
      'https://smba.trafficmanager.net/teams/',
      'https://smba.trafficmanager.net/amer/',
      'https://SMBA.trafficmanager.net/emea/7a1f/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
    ]) {
      expect(allowlist.allows(url), url).toBe(true);
    }
  });

  it('should refuse look-alike hosts, user-info tricks, other schemes and ports when they imitate an allowed URL', () => {
    for (const url of [
      'https://smba.trafficmanager.net.attacker.example/teams/',
      'https://smba.trafficmanager.net@attacker.example/teams/',
      'https://user:pw@smba.trafficmanager.net/teams/',
      'http://smba.trafficmanager.net/teams/',
      'https://smba.trafficmanager.net:8443/teams/',
      'ftp://smba.trafficmanager.net/',
      'not a url',
    ]) {
      expect(allowlist.allows(url), url).toBe(false);
    }
  });

  it('should match whole path segments when an entry has a path', () => {
    expect(allowlist.allows('https://proxy.example/bots/teams/')).toBe(true);
    expect(allowlist.allows('https://proxy.example/bots/teams/emea/')).toBe(true);
    expect(allowlist.allows('https://proxy.example/bots/teamsevil/')).toBe(false);
    expect(allowlist.allows('https://proxy.example/bots/')).toBe(false);
  });

  it('should throw HeimoError UNAUTHORIZED naming the method when an outbound URL is not allowed', () => {
    let thrown: unknown;
    try {
      allowlist.assert('https://attacker.example/', 'sendToConversation');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(HeimoError);
    expect((thrown as HeimoError).code).toBe('UNAUTHORIZED');
    expect((thrown as HeimoError).context).toMatchObject({ method: 'sendToConversation' });
  });
});
