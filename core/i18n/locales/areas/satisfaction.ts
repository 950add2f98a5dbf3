// The satisfaction-survey texts in every language (kept apart so each capability edits its own
// file); en.ts, fi.ts and sk.ts spread them into their catalogues. Every language has exactly English's keys.

const en = {} satisfies Record<string, string>;

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
  fi: { ...statsFi },
  sk: { ...statsSk },
};
