// Privacy's public entry: other capabilities and the app import from here, never from its files.
export type { Consents, Eraser, ForgetReport, ForgetTarget, PersonKey, PersonTraces, Privacy, PrivacyChoices } from './port.ts';
export { DEFAULT_CHOICES, FORGOTTEN_NAME, REMOVED_TEXT, personKey } from './port.ts';
export { changedJson, likePatterns, scrubJson, scrubText } from './scrub.ts';
export { checkedPerson, createPrivacy, type PrivacyConfig } from './create-privacy.ts';
