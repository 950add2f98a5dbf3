import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../config/load-network.ts';
import { DEFAULT_CREDITS, NO_STAFF } from '../../core/domain/network.ts';

// The network file's `credits` and `staff` sections (issue 11): defaults, partial overrides, and
// errors that name the field at fault.
const withCommunity = (extra: Record<string, unknown>) => ({ communities: [{ id: 'acme', discordGuildId: 'g1', routes: [], ...extra }] });
const one = (extra: Record<string, unknown>) => parseNetwork(withCommunity(extra)).communities[0]!;

describe('network file credits and staff', () => {
  it('should give the default credits and no staff when the sections are absent', () => {
    const community = one({});
    expect(community.credits).toEqual(DEFAULT_CREDITS);
    expect(community.staff).toEqual(NO_STAFF);
  });

  it('should keep the other defaults when only some points and rules are given', () => {
    const community = one({ credits: { points: { thanks: 7 }, rules: { ring: { minCredits: 6 } } } });
    expect(community.credits.points).toEqual({ ...DEFAULT_CREDITS.points, thanks: 7 });
    expect(community.credits.rules.ring).toEqual({ ...DEFAULT_CREDITS.rules.ring, minCredits: 6 });
    expect(community.credits.rules.thanksRecentMs).toBe(DEFAULT_CREDITS.rules.thanksRecentMs);
  });

  it('should read durations, the digest and staff when the example file gives them', () => {
    const example = JSON.parse(readFileSync(new URL('../../config/network.example.json', import.meta.url), 'utf8')) as unknown;
    const community = parseNetwork(example).communities[0]!;
    expect(community.credits.tierWindowMs).toBe(90 * 86_400_000);
    expect(community.credits.tiers.map((tier) => tier.discordRoleId)).toEqual(['300000000000000020', '300000000000000021', '300000000000000022']);
    expect(community.credits.digest).toEqual({ destination: { platform: 'slack', channelId: 'C0COMMUNITY1' }, weekday: 1, hour: 9, timeZone: 'Europe/Helsinki' });
    expect(community.staff.emailDomains).toEqual(['acme.example']);
  });

  it('should name the field when tiers are out of order', () => {
    expect(() => one({ credits: { tiers: [{ id: 'b', threshold: 5 }, { id: 'c', threshold: 3 }] } })).toThrow(/communities\[0\]\.credits\.tiers must list tiers lowest threshold first/);
  });

  it('should name the field when a staff e-mail or digest hour is invalid', () => {
    expect(() => one({ staff: { emails: ['not-an-address'] } })).toThrow(/communities\[0\]\.staff\.emails\[0\] must be an e-mail address/);
    expect(() => one({ credits: { digest: { destination: { platform: 'slack', channelId: 'C1' }, hour: 24 } } })).toThrow(/credits\.digest\.hour must be 0 to 23/);
  });

  it('should lower-case staff domains and e-mails when the file mixes case', () => {
    expect(one({ staff: { emailDomains: ['@Acme.Example'], emails: ['Aino@Acme.Example'] } }).staff).toMatchObject({ emailDomains: ['acme.example'], emails: ['aino@acme.example'] });
  });
});
