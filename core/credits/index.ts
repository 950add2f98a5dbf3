// credits: reached by other modules only through this file.
export type * from './port.ts';
export { foldText, isThanks, isThanksEmoji, THANKS_LANGUAGES, type ThanksLanguage } from './thanks.ts';
export { createCredits, type CreditStandings, type CreditsServiceConfig } from './create-credits.ts';
export { createCreditsEraser } from './sql-credits-eraser.ts';
export { CREDIT_LISTENERS } from './earn-listeners.ts';
export { createStandings, isStandingsWindow, type Standings, type StandingsConfig } from './standings.ts';
export { WINDOWS as STANDINGS_WINDOWS } from './standings-support.ts';
export { createSqlThanksGiven } from './sql-thanks-given.ts';
