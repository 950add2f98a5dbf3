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
  'notice.rated': 'The asker rated the help {{score}}/5.',
  'notice.rated.changed': 'The asker changed their rating to {{score}}/5 (it was {{previous}}/5).',
} as const;

// ---- `/heimo stats`' satisfaction line (the readers' block: kept apart from the survey's texts above) ----
const statsEn = {
  'reply.stats.satisfaction': 'Satisfaction: {{average}}/5 from {{rated}} ratings ({{rate}} satisfied, 4 or 5), {{asked}} surveys sent',
  'reply.stats.satisfaction.none': 'Satisfaction: no ratings yet, {{asked}} surveys sent',
} satisfies Record<string, string>;
const statsFi: Record<keyof typeof statsEn, string> = {
  'reply.stats.satisfaction': 'Tyytyväisyys: {{average}}/5, {{rated}} arviota ({{rate}} tyytyväisiä, 4 tai 5), {{asked}} kyselyä lähetetty',
  'reply.stats.satisfaction.none': 'Tyytyväisyys: ei vielä arvioita, {{asked}} kyselyä lähetetty',
};
const statsSk: Record<keyof typeof statsEn, string> = {
  'reply.stats.satisfaction': 'Spokojnosť: {{average}}/5 z {{rated}} hodnotení ({{rate}} spokojných, 4 alebo 5), {{asked}} odoslaných prieskumov',
  'reply.stats.satisfaction.none': 'Spokojnosť: zatiaľ bez hodnotení, {{asked}} odoslaných prieskumov',
};
// ---- end of the readers' block ----

type Keys = keyof typeof en | keyof typeof statsEn;

/** Satisfaction's texts per language. */
export const satisfactionTexts: { en: typeof en & typeof statsEn; fi: Record<Keys, string>; sk: Record<Keys, string> } = {
  en: { ...en, ...statsEn },
  fi: {
    ...statsFi,
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
    'notice.rated': 'Kysyjä arvioi saamansa avun: {{score}}/5.',
    'notice.rated.changed': 'Kysyjä muutti arviotaan: nyt {{score}}/5 (aiemmin {{previous}}/5).',
  },
  sk: {
    ...statsSk,
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
    'notice.rated': 'Pýtajúci ohodnotil pomoc na {{score}}/5.',
    'notice.rated.changed': 'Pýtajúci zmenil hodnotenie na {{score}}/5 (predtým {{previous}}/5).',
  },
};
