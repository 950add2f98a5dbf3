// The satisfaction-survey texts in every language (kept apart so each capability edits its own
// file); en.ts, fi.ts and sk.ts spread them into their catalogues. Every language has exactly English's keys.

const en = {} satisfies Record<string, string>;

/** Satisfaction's texts per language. */
export const satisfactionTexts: { en: typeof en; fi: Record<keyof typeof en, string>; sk: Record<keyof typeof en, string> } = {
  en,
  fi: {},
  sk: {},
};
