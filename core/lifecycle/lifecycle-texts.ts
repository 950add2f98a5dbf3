// Words people read, in one place until the message catalogue (core/i18n) takes them.

/** The idle prompt posted in the Discord thread of a quiet answered question, with its two buttons. */
export const IDLE_PROMPT = {
  text: 'Did this solve it?',
  solved: 'Yes, solved',
  notSolved: 'No, I still need help',
} as const;
