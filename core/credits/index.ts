// credits: reached by other modules only through this file.
export type * from './port.ts';
export { foldText, isThanks, isThanksEmoji, THANKS_LANGUAGES, type ThanksLanguage } from './thanks.ts';
