import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../config/load-network.ts';
import { DEFAULT_KNOWLEDGE, DEFAULT_CREDITS, NO_STAFF, DEFAULT_LIFECYCLE, NO_PERMISSIONS, DEFAULT_SATISFACTION } from '../../core/domain/network.ts';
import { thrown } from '../support/thrown.ts';

const slack = (channelId: string) => ({ platform: 'slack', channelId });

/** A community with every new section; tests break one thing at a time. */
const full = () => ({
  id: 'acme',
  discordGuildId: 'g1',
  locale: 'fi',
  routes: [{ discordChannelId: 'c1', destination: slack('C1') }],
  teams: [
    { id: 'billing', name: 'Billing', destination: slack('CB'), businessHours: { timeZone: 'Europe/Helsinki', days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30' }, escalation: { destination: slack('CE'), mention: 'S123' }, capacity: 3 },
    { id: 'tech', destination: slack('CT') },
  ],
  tiers: [{ id: 'premium', discordRoleIds: ['r-premium'], firstResponse: '4h', resolution: '3d', skipCommunityWindow: true }, { id: 'free', discordRoleIds: ['r-free'] }],
  rules: [
    { name: 'billing', match: { tags: ['Billing'], keywords: ['invoice', 'lasku'], languages: ['fi', 'SK'], tiers: ['premium'] }, team: 'billing', communityWindow: '15m', pingRoleId: 'r-ambassador' },
    { name: 'errors', match: { patterns: ['error\\s+\\d{3}'] }, team: 'tech' },
  ],
  fallbackTeam: 'tech',
  permissions: { discord: { moderatorRoleIds: ['r-mod'] }, slack: { staffUserGroupIds: ['S1'] } },
  lifecycle: { idlePrompt: '12h' },
});

const parseOne = (community: unknown) => parseNetwork({ communities: [community] }).communities[0]!;
const problemOf = (community: unknown): string => thrown(() => parseNetwork({ communities: [community] })).message;

describe('network file teams, tiers and rules', () => {
  it('should read every section with milliseconds and defaults when the file gives them', () => {
    const community = parseOne(full());
    expect(community.locale).toBe('fi');
    expect(community.teams[0]).toEqual({ id: 'billing', name: 'Billing', destination: slack('CB'), businessHours: { timeZone: 'Europe/Helsinki', days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30' }, escalation: { destination: slack('CE'), mention: 'S123' }, capacity: 3 });
    expect(community.teams[1]).toEqual({ id: 'tech', name: 'tech', destination: slack('CT'), capacity: 5 });
    expect(community.tiers).toEqual([
      { id: 'premium', discordRoleIds: ['r-premium'], firstResponseMs: 4 * 3_600_000, resolutionMs: 3 * 86_400_000, skipCommunityWindow: true },
      { id: 'free', discordRoleIds: ['r-free'], skipCommunityWindow: false },
    ]);
    expect(community.rules[0]).toEqual({ name: 'billing', match: { tags: ['Billing'], keywords: ['invoice', 'lasku'], languages: ['fi', 'sk'], tiers: ['premium'] }, team: 'billing', communityWindowMs: 15 * 60_000, pingRoleId: 'r-ambassador' });
    expect(community.rules[1]).toEqual({ name: 'errors', match: { patterns: ['error\\s+\\d{3}'] }, team: 'tech', communityWindowMs: 0 });
    expect(community.fallbackTeam).toBe('tech');
    expect(community.permissions).toEqual({ ...NO_PERMISSIONS, discord: { moderatorRoleIds: ['r-mod'], staffRoleIds: [] }, slack: { moderatorUserGroupIds: [], staffUserGroupIds: ['S1'], staffChannelIds: [] } });
    expect(community.lifecycle).toEqual({ idlePromptMs: 12 * 3_600_000, idleCloseMs: DEFAULT_LIFECYCLE.idleCloseMs });
  });

  it('should load a routes-only community unchanged when the file has no new sections', () => {
    const community = parseOne({ id: 'acme', discordGuildId: 'g1', routes: [{ discordChannelId: 'c1', destination: slack('C1') }] });
    expect(community).toEqual({ id: 'acme', name: 'acme', discordGuildId: 'g1', routes: [{ discordChannelId: 'c1', destination: slack('C1') }], locale: 'en', teams: [], tiers: [], rules: [], permissions: NO_PERMISSIONS, lifecycle: DEFAULT_LIFECYCLE, knowledge: DEFAULT_KNOWLEDGE, credits: DEFAULT_CREDITS, staff: NO_STAFF, satisfaction: DEFAULT_SATISFACTION });
    expect('fallbackTeam' in community).toBe(false);
  });

  it('should load the example network file when it shows every section', () => {
    const example = JSON.parse(readFileSync(new URL('../../config/network.example.json', import.meta.url), 'utf8')) as unknown;
    const community = parseNetwork(example).communities[0]!;
    expect(community.rules.length).toBeGreaterThan(0);
    expect(community.tiers.length).toBeGreaterThan(0);
    expect(community.teams.length).toBeGreaterThan(0);
  });

  it('should name the rule when its team does not exist', () => {
    const bad = full();
    bad.rules[1]!.team = 'sales';
    expect(problemOf(bad)).toBe('HEIMO_CONFIG: communities[0].rules[1].team names no team of this community: "sales" (teams: billing, tech)');
  });

  it('should name the tier when a rule matches a tier that does not exist', () => {
    const bad = full();
    bad.rules[0]!.match.tiers = ['premium', 'gold'];
    expect(problemOf(bad)).toContain('communities[0].rules[0].match.tiers[1] names no tier of this community: "gold"');
  });

  it('should name the channel when a rule matches a channel the community does not route', () => {
    const bad = full();
    (bad.rules[1]!.match as { channels?: string[] }).channels = ['c1', 'c9'];
    expect(problemOf(bad)).toBe('HEIMO_CONFIG: communities[0].rules[1].match.channels[1] is not a channel this community routes: "c9" (routes: c1)');
  });

  it('should name the fallback when its team does not exist', () => {
    expect(problemOf({ ...full(), fallbackTeam: 'nobody' })).toContain('communities[0].fallbackTeam names no team');
  });

  it('should say why when a pattern does not compile', () => {
    const bad = full();
    bad.rules[1]!.match.patterns = ['error(\\d'];
    expect(problemOf(bad)).toMatch(/^HEIMO_CONFIG: communities\[0\]\.rules\[1\]\.match\.patterns\[0\] is not a valid regular expression: .+/);
  });

  it('should refuse a time zone luxon does not know', () => {
    const bad = full();
    bad.teams[0]!.businessHours!.timeZone = 'Europe/Atlantis';
    expect(problemOf(bad)).toContain('communities[0].teams[0].businessHours.timeZone must be an IANA time zone');
  });

  it('should refuse business hours that end before they start', () => {
    const bad = full();
    bad.teams[0]!.businessHours!.end = '07:59';
    expect(problemOf(bad)).toContain('communities[0].teams[0].businessHours.end must be after start');
    bad.teams[0]!.businessHours!.end = '25:00';
    expect(problemOf(bad)).toContain('businessHours.end must be a time like 09:00');
  });

  it('should refuse a language that is not an ISO 639-1 code', () => {
    const bad = full();
    bad.rules[0]!.match.languages = ['fin'];
    expect(problemOf(bad)).toContain('communities[0].rules[0].match.languages[0] must be an ISO 639-1 language code');
  });

  it('should refuse repeated ids when two teams, tiers or rules share one', () => {
    const teams = full();
    teams.teams[1]!.id = 'billing';
    expect(problemOf(teams)).toContain('communities[0].teams[1].id repeats team id "billing"');
    const tiers = full();
    tiers.tiers[1]!.id = 'premium';
    expect(problemOf(tiers)).toContain('communities[0].tiers[1].id repeats tier id "premium"');
    const rules = full();
    rules.rules[1]!.name = 'billing';
    expect(problemOf(rules)).toContain('communities[0].rules[1].name repeats rule name "billing"');
  });

  it('should refuse an empty condition list when a rule could then never match', () => {
    const bad = full();
    bad.rules[0]!.match.keywords = [];
    expect(problemOf(bad)).toBe('HEIMO_CONFIG: communities[0].rules[0].match.keywords must not be empty (leave it out to match any)');
  });

  it('should refuse malformed durations, locales and reserved rule names', () => {
    const window = full();
    window.rules[0]!.communityWindow = 'soon';
    expect(problemOf(window)).toContain('communities[0].rules[0].communityWindow must be a duration like');
    expect(problemOf({ ...full(), locale: 'de' })).toContain('communities[0].locale must be one of en, fi, sk');
    const reserved = full();
    reserved.rules[0]!.name = 'fallback';
    expect(problemOf(reserved)).toContain('communities[0].rules[0].name must not be fallback');
  });
});
