import { describe, expect, it } from 'vitest';
import { durationText, formatStats, percent, type CommunityStats } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';

const STATS: CommunityStats = {
  communityName: 'Acme',
  suggestions: { suggestedQuestions: 8, deflectedQuestions: 3, shown: 20, accepted: 3 },
  search: { count: 42, p50Ms: 0.84, p95Ms: 4.26 },
  articles: { draft: 2, published: 10, rejected: 1, retired: 0, stale: 3 },
  questions: { days: 30, asked: 12, resolved: 7, closed: 2, medianFirstResponseMs: 3_600_000 + 25 * 60_000, medianResolutionMs: null },
  satisfaction: null,
};

describe('stats reply', () => {
  const t = translator('en');

  it('should give shares as whole percentages and n/a when there is nothing to divide', () => {
    expect(percent(3, 8, t)).toBe('38%');
    expect(percent(0, 0, t)).toBe('n/a');
  });

  it('should write durations in their two largest units when they are long, and n/a when unknown', () => {
    expect(durationText(3_600_000 + 25 * 60_000, t)).toBe('1 hour, 25 minutes');
    expect(durationText(2 * 86_400_000 + 3 * 3_600_000 + 59_000, t)).toBe('2 days, 3 hours');
    expect(durationText(10_000, t)).toBe('0 minutes');
    expect(durationText(null, t)).toBe('n/a');
  });

  it('should list deflection, click-through, search, articles and questions when every figure is known', () => {
    expect(formatStats('Acme', STATS, t).split('\n')).toEqual([
      '**Figures of Acme**',
      '- Deflection: 3 of 8 questions with suggestions were solved by one (38%)',
      '- Click-through: 3 of 20 suggestions accepted (15%)',
      '- Search: p50 0.8 ms, p95 4.3 ms over 42 searches since Heimo started',
      '- Articles: 10 published (3 stale), 2 drafts, 0 retired, 1 rejected',
      '- Questions of the last 30 days: 12 asked, 7 solved, 2 closed',
      '- Median first response 1 hour, 25 minutes, median time to solve n/a',
    ]);
  });

  it('should leave out what is not wired and say no search ran yet when the process has made none', () => {
    const text = formatStats('Acme', { ...STATS, suggestions: null, search: null, articles: null, questions: null }, translator('fi'));
    expect(text.split('\n')).toEqual(['**Yhteisön Acme luvut**', '- Haku: ei hakuja Heimon käynnistymisen jälkeen']);
  });
  it('should add the satisfaction line with the mean, ratings, share of 4-5s and surveys sent when some asker rated', () => {
    const text = formatStats('Acme', { ...STATS, satisfaction: { asked: 20, rated: 12, average: 52 / 12, satisfied: 10 } }, t);
    expect(text.split('\n').at(-1)).toBe('- Satisfaction: 4.3/5 from 12 ratings (83% satisfied, 4 or 5), 20 surveys sent');
  });

  it('should write the mean with the language decimal comma when the reader is Finnish', () => {
    const text = formatStats('Acme', { ...STATS, satisfaction: { asked: 3, rated: 2, average: 4.5, satisfied: 2 } }, translator('fi'));
    expect(text.split('\n').at(-1)).toBe('- Tyytyväisyys: 4,5/5, 2 arviota (100% tyytyväisiä, 4 tai 5), 3 kyselyä lähetetty');
  });

  it('should say no ratings yet when surveys were sent but nobody rated', () => {
    const text = formatStats('Acme', { ...STATS, satisfaction: { asked: 4, rated: 0, average: null, satisfied: 0 } }, t);
    expect(text.split('\n').at(-1)).toBe('- Satisfaction: no ratings yet, 4 surveys sent');
  });

  it('should leave the satisfaction line out when satisfaction is not wired', () => {
    expect(formatStats('Acme', STATS, t)).not.toContain('Satisfaction');
  });
});
