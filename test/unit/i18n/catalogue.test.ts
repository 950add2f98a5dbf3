import { describe, expect, it } from 'vitest';
import { CATALOGUES, chooseLocale, translator, type MessageKey } from '../../../core/i18n/index.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
const englishKeys = Object.keys(CATALOGUES.en).sort();

describe('message catalogue', () => {
  it.each(Object.keys(CATALOGUES))('should have every English key and no other when the locale is %s', (code) => {
    const texts = CATALOGUES[code as keyof typeof CATALOGUES] as Record<string, string>;
    expect(Object.keys(texts).sort()).toEqual(englishKeys);
    for (const key of englishKeys) expect(texts[key]?.trim(), `${code} ${key}`).not.toBe('');
  });

  it.each(Object.keys(CATALOGUES))('should use the same placeholders as English when the locale is %s', (code) => {
    const texts = CATALOGUES[code as keyof typeof CATALOGUES] as Record<string, string>;
    const english = CATALOGUES.en as Record<string, string>;
    for (const key of englishKeys) expect(placeholders(texts[key] ?? ''), `${code} ${key}`).toEqual(placeholders(english[key] ?? ''));
  });

  it('should fill placeholders without escaping when a text has values', () => {
    expect(translator('en')('card.claimedBy', { name: 'Ann & <Bob>' })).toBe('Claimed by Ann & <Bob>');
    expect(translator('fi')('card.movedTo', { team: 'Billing' })).toBe('Siirretty tiimille Billing');
    expect(translator('sk')('card.routedBy', { rule: 'premium' })).toBe('Smerované pravidlom premium');
  });

  it('should give the idle prompt and its buttons in each language when asked', () => {
    const keys: MessageKey[] = ['prompt.idle.text', 'prompt.idle.solved', 'prompt.idle.stillNeedHelp'];
    expect(keys.map((key) => translator('en')(key))).toEqual(['Did this solve it?', 'Solved', 'Still need help']);
    expect(keys.map((key) => translator('fi')(key))).toEqual(['Ratkesiko asia?', 'Ratkesi', 'Tarvitsen vielä apua']);
    expect(translator('sk')('prompt.idle.solved')).toBe('Vyriešené');
  });
});

describe('locale choice', () => {
  it("should use the person's language when Heimo speaks it", () => {
    expect(chooseLocale('fi', 'sk')).toBe('fi');
    expect(chooseLocale('sk', 'en')).toBe('sk');
    expect(chooseLocale('en-US', 'fi')).toBe('en');
    expect(chooseLocale('fi-FI', 'en')).toBe('fi');
  });

  it("should use the community's default when the person's language is unknown or unsupported", () => {
    expect(chooseLocale(undefined, 'fi')).toBe('fi');
    expect(chooseLocale('de', 'sk')).toBe('sk');
    expect(chooseLocale('pt-BR', 'SK')).toBe('sk');
  });

  it('should use English when neither the person nor the community has a supported language', () => {
    expect(chooseLocale('de', 'sv')).toBe('en');
    expect(chooseLocale(undefined, undefined)).toBe('en');
    expect(translator('ja', 'zh-CN')('status.closed')).toBe('Closed');
  });

  it('should answer in the chosen language when the translator is built', () => {
    const t = translator('de', 'fi');
    expect(t.locale).toBe('fi');
    expect(t('status.resolved')).toBe('Ratkaistu');
  });
});
