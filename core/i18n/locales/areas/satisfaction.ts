// The satisfaction-survey texts in every language (kept apart so each capability edits its own
// file); en.ts, fi.ts and sk.ts spread them into their catalogues. Every language has exactly English's keys.

const en = {
  'prompt.survey.text': 'How did we do? Rate the help you got',
  'prompt.survey.score.1': '1 😞',
  'prompt.survey.score.2': '2 🙁',
  'prompt.survey.score.3': '3 😐',
  'prompt.survey.score.4': '4 🙂',
  'prompt.survey.score.5': '5 😄',
  'command.rate.description': 'Rate the help you got with this question (1 to 5)',
  'option.score.description': 'Your score: 1 (bad) to 5 (great)',
  'reply.rate.rated': 'Thanks, you rated this {{score}}/5.',
  'reply.rate.changed': 'Thanks, you rated this {{score}}/5 (it was {{previous}}/5).',
  'reply.rate.unchanged': 'You rated this {{score}}/5 already.',
  'reply.rate.notAsker': 'Only the person who asked this question can rate it.',
  'reply.rate.badScore': 'A rating is a whole number from 1 to 5.',
  'reply.rate.notSolved': 'This question is not solved: rate it once it is.',
  'reply.rate.off': 'Satisfaction surveys are off here.',
} as const;

/** Satisfaction's texts per language. */
export const satisfactionTexts: { en: typeof en; fi: Record<keyof typeof en, string>; sk: Record<keyof typeof en, string> } = {
  en,
  fi: {
    'prompt.survey.text': 'Miten onnistuimme? Arvioi saamasi apu',
    'prompt.survey.score.1': '1 😞',
    'prompt.survey.score.2': '2 🙁',
    'prompt.survey.score.3': '3 😐',
    'prompt.survey.score.4': '4 🙂',
    'prompt.survey.score.5': '5 😄',
    'command.rate.description': 'Arvioi tähän kysymykseen saamasi apu (1–5)',
    'option.score.description': 'Arviosi: 1 (huono) – 5 (erinomainen)',
    'reply.rate.rated': 'Kiitos, arviosi on {{score}}/5.',
    'reply.rate.changed': 'Kiitos, arviosi on nyt {{score}}/5 (aiemmin {{previous}}/5).',
    'reply.rate.unchanged': 'Arvioit tämän jo: {{score}}/5.',
    'reply.rate.notAsker': 'Vain kysymyksen esittäjä voi arvioida sen.',
    'reply.rate.badScore': 'Arvio on kokonaisluku 1–5.',
    'reply.rate.notSolved': 'Tätä kysymystä ei ole ratkaistu: arvioi se, kun se on.',
    'reply.rate.off': 'Tyytyväisyyskyselyt eivät ole käytössä täällä.',
  },
  sk: {
    'prompt.survey.text': 'Ako sa nám darilo? Ohodnoť pomoc, ktorú si dostal',
    'prompt.survey.score.1': '1 😞',
    'prompt.survey.score.2': '2 🙁',
    'prompt.survey.score.3': '3 😐',
    'prompt.survey.score.4': '4 🙂',
    'prompt.survey.score.5': '5 😄',
    'command.rate.description': 'Ohodnoť pomoc s touto otázkou (1 až 5)',
    'option.score.description': 'Tvoje hodnotenie: 1 (zlé) až 5 (výborné)',
    'reply.rate.rated': 'Ďakujeme, hodnotíš to {{score}}/5.',
    'reply.rate.changed': 'Ďakujeme, tvoje hodnotenie je teraz {{score}}/5 (predtým {{previous}}/5).',
    'reply.rate.unchanged': 'Už si to ohodnotil {{score}}/5.',
    'reply.rate.notAsker': 'Hodnotiť môže iba ten, kto otázku položil.',
    'reply.rate.badScore': 'Hodnotenie je celé číslo od 1 do 5.',
    'reply.rate.notSolved': 'Táto otázka nie je vyriešená: ohodnoť ju, keď bude.',
    'reply.rate.off': 'Prieskumy spokojnosti tu nie sú zapnuté.',
  },
};
