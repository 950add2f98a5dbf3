// The recognition texts in every language (kept apart so each capability edits its own file); en.ts,
// fi.ts and sk.ts spread them into their catalogues. Every language has exactly English's keys.

const en = {
  'recognition.announce': '🎉 {{name}} is now a {{tier}} of {{community}}. Thank you for helping others!',
  'recognition.direct': 'Congratulations: you are now a {{tier}} of {{community}}, with {{points}} points over the last {{days}} days. Thank you for helping others!',
  'command.tier.description': 'Ambassador tiers',
  'command.tier.recompute.description': 'Recompute everyone’s tier now (promotions and demotions)',
  'reply.tier.recomputed': 'Tiers recomputed: {{promoted}} promoted, {{demoted}} demoted.',
  'reply.tier.unavailable': 'Tiers are not available here.',
} as const;

/** The recognition texts, by language. */
export const recognitionTexts: { en: typeof en; fi: Record<keyof typeof en, string>; sk: Record<keyof typeof en, string> } = {
  en,
  fi: {
    'recognition.announce': '🎉 {{name}} on nyt yhteisön {{community}} {{tier}}. Kiitos, että autat muita!',
    'recognition.direct': 'Onnittelut: olet nyt yhteisön {{community}} {{tier}}, {{points}} pistettä viimeisten {{days}} päivän ajalta. Kiitos, että autat muita!',
    'command.tier.description': 'Lähettilästasot',
    'command.tier.recompute.description': 'Laske kaikkien tasot uudelleen nyt (ylennykset ja alennukset)',
    'reply.tier.recomputed': 'Tasot laskettu uudelleen: {{promoted}} ylennetty, {{demoted}} alennettu.',
    'reply.tier.unavailable': 'Tasot eivät ole käytettävissä täällä.',
  },
  sk: {
    'recognition.announce': '🎉 {{name}} je teraz {{tier}} komunity {{community}}. Ďakujeme, že pomáhaš ostatným!',
    'recognition.direct': 'Gratulujeme: si teraz {{tier}} komunity {{community}}, s {{points}} bodmi za posledných {{days}} dní. Ďakujeme, že pomáhaš ostatným!',
    'command.tier.description': 'Úrovne ambasádorov',
    'command.tier.recompute.description': 'Prepočítať úrovne všetkých teraz (povýšenia aj zníženia)',
    'reply.tier.recomputed': 'Úrovne prepočítané: {{promoted}} povýšených, {{demoted}} znížených.',
    'reply.tier.unavailable': 'Úrovne tu nie sú dostupné.',
  },
};
