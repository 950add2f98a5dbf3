import { describe, expect, it } from 'vitest';
import { defineCommunity, type CommunityConfig, type RoutingRuleConfig } from '../../../core/domain/network.ts';
import { routeQuestion, type RoutingQuestion } from '../../../core/routing/index.ts';

const slack = (channelId: string) => ({ platform: 'slack' as const, channelId });
const FINNISH = 'Miten voin vaihtaa laskutusosoitteen tililläni? En löydä asetusta mistään.';
const SLOVAK = 'Ako si môžem zmeniť fakturačnú adresu v mojom účte? Nikde neviem nájsť nastavenie.';
const ENGLISH = 'How do I change the billing address on my account? I cannot find the setting anywhere.';

const rule = (name: string, match: RoutingRuleConfig['match'], team = 'tech', extra: Partial<RoutingRuleConfig> = {}): RoutingRuleConfig => ({ name, match, team, communityWindowMs: 0, ...extra });

const community = (rules: RoutingRuleConfig[], extra: Partial<CommunityConfig> = {}): CommunityConfig =>
  defineCommunity({
    id: 'acme',
    name: 'Acme',
    discordGuildId: 'g1',
    routes: [{ discordChannelId: 'help', destination: slack('C-HELP') }, { discordChannelId: 'forum', destination: slack('C-FORUM') }],
    teams: [
      { id: 'tech', name: 'Tech', destination: slack('C-TECH'), capacity: 5 },
      { id: 'billing', name: 'Billing', destination: slack('C-BILL'), capacity: 3 },
      { id: 'nordics', name: 'Nordics', destination: slack('C-NORD'), capacity: 5 },
    ],
    tiers: [
      { id: 'premium', discordRoleIds: ['r-premium', 'r-partner'], skipCommunityWindow: true },
      { id: 'standard', discordRoleIds: ['r-standard'], skipCommunityWindow: false },
    ],
    rules,
    ...extra,
  });

const question = (overrides: Partial<RoutingQuestion> = {}): RoutingQuestion => ({ channelId: 'help', tags: [], title: 'A question', text: 'Something does not work.', authorRoleIds: [], ...overrides });

describe('routing conditions', () => {
  it('should match a rule by channel when the question was asked there', () => {
    const acme = community([rule('forum-only', { channels: ['forum'] }, 'billing')]);
    expect(routeQuestion(acme, question({ channelId: 'forum' })).rule).toBe('forum-only');
    expect(routeQuestion(acme, question({ channelId: 'help' })).rule).toBe('channel-route');
  });

  it('should match forum tags case-insensitively when any one is applied', () => {
    const acme = community([rule('billing', { tags: ['Billing', 'Invoices'] }, 'billing')]);
    expect(routeQuestion(acme, question({ tags: ['bug', 'BILLING'] })).team.id).toBe('billing');
    expect(routeQuestion(acme, question({ tags: ['bug'] })).rule).toBe('channel-route');
  });

  it('should match keywords as whole words in any case and script when title or text holds one', () => {
    const acme = community([rule('billing', { keywords: ['invoice', 'lasku', 'faktúra', 'credit card'] }, 'billing')]);
    expect(routeQuestion(acme, question({ title: 'INVOICE missing' })).rule).toBe('billing');
    expect(routeQuestion(acme, question({ text: 'Missä on lasku?' })).rule).toBe('billing');
    expect(routeQuestion(acme, question({ text: 'Kde je FAKTÚRA za december?' })).rule).toBe('billing');
    expect(routeQuestion(acme, question({ text: 'my credit   card was charged twice' })).rule).toBe('billing');
    // Part of a longer word is no match: "invoices", "laskun", "faktúrach".
    expect(routeQuestion(acme, question({ text: 'old invoices; laskun summa; v faktúrach' })).rule).toBe('channel-route');
  });

  it('should match a pattern case-insensitively when the text fits it', () => {
    const acme = community([rule('errors', { patterns: ['error\\s+\\d{3}', '^crash'] })]);
    expect(routeQuestion(acme, question({ text: 'I get ERROR 502 on login' })).rule).toBe('errors');
    expect(routeQuestion(acme, question({ text: 'it says error five' })).rule).toBe('channel-route');
  });

  it('should give a pattern only the first 4,000 characters when the question is longer', () => {
    const acme = community([rule('late-words', { patterns: ['needle'] })]);
    expect(routeQuestion(acme, question({ text: `${'x '.repeat(1_990)}needle` })).rule).toBe('late-words');
    expect(routeQuestion(acme, question({ text: `${'x '.repeat(2_100)}needle` })).rule).toBe('channel-route');
  });

  it('should require every given condition when a rule has several', () => {
    const acme = community([rule('forum-billing', { channels: ['forum'], keywords: ['invoice'] }, 'billing')]);
    expect(routeQuestion(acme, question({ channelId: 'forum', text: 'invoice' })).rule).toBe('forum-billing');
    expect(routeQuestion(acme, question({ channelId: 'help', text: 'invoice' })).rule).toBe('channel-route');
    expect(routeQuestion(acme, question({ channelId: 'forum', text: 'refund' })).rule).toBe('channel-route');
  });

  it('should match by tier when the asker holds one of its roles', () => {
    const acme = community([rule('vip', { tiers: ['premium'] }, 'billing')]);
    const routed = routeQuestion(acme, question({ authorRoleIds: ['r-other', 'r-partner'] }));
    expect(routed.rule).toBe('vip');
    expect(routed.tier?.id).toBe('premium');
    expect(routeQuestion(acme, question({ authorRoleIds: ['r-standard'] })).rule).toBe('channel-route');
  });
});

describe('routing order and fallback', () => {
  it('should take the first matching rule in file order when several match', () => {
    const acme = community([rule('first', { keywords: ['invoice'] }, 'billing'), rule('second', {}, 'tech')]);
    expect(routeQuestion(acme, question({ text: 'invoice please' })).rule).toBe('first');
    expect(routeQuestion(acme, question({ text: 'hello' })).rule).toBe('second');
  });

  it('should send the question to the fallback team when no rule matches and one is set', () => {
    const acme = community([rule('billing', { keywords: ['invoice'] }, 'billing')], { fallbackTeam: 'nordics' });
    const routed = routeQuestion(acme, question());
    expect(routed).toMatchObject({ rule: 'fallback', team: { id: 'nordics' }, destination: slack('C-NORD'), communityWindowMs: 0 });
  });

  it("should send the question to the channel's route when no rule matches and no fallback is set", () => {
    const routed = routeQuestion(community([]), question({ channelId: 'forum' }));
    expect(routed).toMatchObject({ rule: 'channel-route', destination: slack('C-FORUM'), team: { id: 'channel:forum', destination: slack('C-FORUM') }, tier: null });
  });

  it('should refuse with NOT_FOUND when nothing matches and the channel has no route', () => {
    expect(() => routeQuestion(community([]), question({ channelId: 'elsewhere' }))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('routing languages', () => {
  const acme = community([rule('finnish', { languages: ['fi'] }, 'nordics'), rule('slovak', { languages: ['sk'] }, 'nordics'), rule('english', { languages: ['en'] }, 'tech')]);

  it('should detect Finnish, Slovak and English when the text is long enough', () => {
    expect(routeQuestion(acme, question({ text: FINNISH }))).toMatchObject({ rule: 'finnish', language: 'fi' });
    expect(routeQuestion(acme, question({ text: SLOVAK }))).toMatchObject({ rule: 'slovak', language: 'sk' });
    expect(routeQuestion(acme, question({ text: ENGLISH }))).toMatchObject({ rule: 'english', language: 'en' });
  });

  it('should report no language when the text is too short to tell', () => {
    expect(routeQuestion(acme, question({ title: 'Apua', text: 'kiitos' }))).toMatchObject({ rule: 'channel-route', language: null });
  });

  it('should report no language when the community has nothing to tell apart', () => {
    expect(routeQuestion(community([]), question({ text: FINNISH })).language).toBeNull();
  });
});

describe('routing tiers and the community window', () => {
  const acme = community([rule('community-first', {}, 'tech', { communityWindowMs: 15 * 60_000, pingRoleId: 'r-ambassadors' })]);

  it("should keep the rule's community window when the asker is in no tier or a tier that waits", () => {
    expect(routeQuestion(acme, question())).toMatchObject({ tier: null, communityWindowMs: 15 * 60_000, pingRoleId: 'r-ambassadors' });
    expect(routeQuestion(acme, question({ authorRoleIds: ['r-standard'] }))).toMatchObject({ tier: { id: 'standard' }, communityWindowMs: 15 * 60_000 });
  });

  it('should skip the community window when the asker is premium', () => {
    expect(routeQuestion(acme, question({ authorRoleIds: ['r-premium'] }))).toMatchObject({ tier: { id: 'premium' }, communityWindowMs: 0 });
  });

  it('should take the first tier in file order when the asker holds roles of several', () => {
    expect(routeQuestion(acme, question({ authorRoleIds: ['r-standard', 'r-premium'] })).tier?.id).toBe('premium');
  });
});
