import { describe, expect, it } from 'vitest';
import { isThanks, isThanksEmoji } from '../../../core/credits/index.ts';

const THANKS: Record<string, string[]> = {
  en: [
    'thanks', 'Thanks!', 'THANK YOU', 'thank you so much @Anna', 'thx', 'Thnx mate', 'tysm!!', 'ty', 'ok ty!', 'ty @bob',
    'cheers', 'Cheers, that fixed it 🎉', 'I really appreciate it', 'appreciate it!', 'Much appreciated.', 'many thanks',
    'thanks a lot', 'Thank u', 'thankyou', "that's it, thanks 🙂", 'Works now... thanks!!!', 'thanks, but it still fails on Windows',
    'No problem here, thanks', '**Thanks**', 'I appreciate your help', "thank's",
  ],
  fi: ['kiitos', 'Kiitos paljon!', 'kiitti', 'KIITOKSIA', 'kiitoksia avusta', 'Kiitän', 'kiitan', 'olen kiitollinen', 'Toimii, kiitos!', 'iso kiitos 🙏'],
  sk: ['ďakujem', 'Dakujem', 'Ďakujem pekne!', 'ďakujeme', "d'akujem", 'vďaka', 'vdaka moc', 'dik', 'Díky!', 'funguje, ďakujem', 'DAKUJEM!!'],
};

const NOT_THANKS: Record<string, string[]> = {
  en: [
    'no thanks', 'No, thank you.', 'nope thanks', 'thanks in advance', 'Thanks in advance for any help!', 'TIA', 'thanks for nothing',
    'thanks a lot for nothing', "I'd appreciate it if someone could look", 'I would appreciate any help', 'Happy Thanksgiving',
    'should I thank him?', 'it still fails', 'the type is wrong', 'tyre pressure', 'a cheerful team', 'ty?', '👍', 'please help 🙏 it crashes',
    '@Kiitos can you look?', 'thankfully it runs', 'Ty is my colleague',
  ],
  fi: ['ei kiitos', 'Ei, kiitos.', 'kiitotie on suljettu', 'kiitos jo etukäteen', 'toimii nyt', 'kiitokseton homma'],
  sk: ['nie, ďakujem', 'ďakujem vopred', 'vopred ďakujem za pomoc', 'ty si super', 'a ty?', 'nefunguje to', 'dikobraz'],
};

describe('isThanks', () => {
  for (const [language, texts] of Object.entries(THANKS)) {
    for (const text of texts) {
      it(`should recognise thanks when ${language} says "${text}"`, () => {
        expect(isThanks(text)).toBe(true);
      });
    }
  }
  for (const [language, texts] of Object.entries(NOT_THANKS)) {
    for (const text of texts) {
      it(`should not see thanks when ${language} says "${text}"`, () => {
        expect(isThanks(text)).toBe(false);
      });
    }
  }

  it('should recognise a message of thank-you emoji alone when it has no words', () => {
    expect(isThanks('🙏')).toBe(true);
    expect(isThanks('🙏🏽🙏🏽')).toBe(true);
    expect(isThanks('@anna ❤️')).toBe(true);
    expect(isThanks('👍👍')).toBe(false);
  });

  it('should recognise only the languages asked for when languages are given', () => {
    expect(isThanks('kiitos', ['en'])).toBe(false);
    expect(isThanks('kiitos', ['fi'])).toBe(true);
    expect(isThanks('ďakujem', ['fi', 'en'])).toBe(false);
    expect(isThanks('ďakujem', ['sk'])).toBe(true);
    expect(isThanks('ok ty', ['sk'])).toBe(false);
  });
});

describe('isThanksEmoji', () => {
  it('should take thank-you emoji in any skin tone or presentation when a reaction is one', () => {
    for (const emoji of ['🙏', '🙏🏻', '🙏🏿', '🙌', '🙌🏽', '❤️', '❤', '🫶', '💯', '⭐']) expect(isThanksEmoji(emoji)).toBe(true);
  });

  it('should refuse agreement and other emoji when a reaction is one of them', () => {
    for (const emoji of ['👍', '👍🏽', '👀', '😂', '✅', '🎉', '', 'pray']) expect(isThanksEmoji(emoji)).toBe(false);
  });
});
