import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../core/routing/index.ts';

describe('language detection', () => {
  it('should answer in ISO 639-1 when franc names the language by an individual ISO 639-3 code', () => {
    // franc calls Standard Estonian "ekk" and Standard Arabic "arb"; ISO 639-1 knows them as et and ar.
    expect(detectLanguage('Tere, kuidas ma saan oma arveldusaadressi kontol muuta? Ma ei leia seadet kuskilt.', ['et', 'fi', 'en'])).toBe('et');
    expect(detectLanguage('كيف يمكنني تغيير عنوان الفواتير في حسابي؟ لا أستطيع العثور على الإعداد في أي مكان.', ['ar', 'en'])).toBe('ar');
  });

  it('should choose only among the candidates when the text is in another language', () => {
    const german = 'Wie kann ich die Rechnungsadresse in meinem Konto ändern? Ich finde die Einstellung nirgends.';
    expect(['fi', 'en']).toContain(detectLanguage(german, ['fi', 'en']));
  });

  it('should answer null when fewer than two known languages are candidates', () => {
    expect(detectLanguage('How do I change the billing address on my account?', ['en'])).toBeNull();
    expect(detectLanguage('How do I change the billing address on my account?', ['en', 'xx'])).toBeNull();
  });
});
