// Privacy's public entry: other capabilities and the app import from here, never from its files.
export type { Consents, Eraser, PersonKey, PrivacyChoices } from './port.ts';
export { DEFAULT_CHOICES, personKey } from './port.ts';
