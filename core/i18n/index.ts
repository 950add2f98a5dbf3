import i18next from 'i18next';
import { en, type Catalogue, type MessageKey } from './locales/en.ts';
import { fi } from './locales/fi.ts';
import { sk } from './locales/sk.ts';

export type { Catalogue, MessageKey } from './locales/en.ts';

/** Values filled into a text's `{{placeholders}}`. */
export type MessageValues = Record<string, string | number>;

/** Turns a catalogue key into text in one chosen language. */
export type Translator = ((key: MessageKey, values?: MessageValues) => string) & { readonly locale: SupportedLocale };

/** Every catalogue, by its ISO 639-1 code. */
export const CATALOGUES = { en, fi, sk } as const satisfies Record<string, Catalogue>;

/** A language Heimo speaks. */
export type SupportedLocale = keyof typeof CATALOGUES;

/** The languages Heimo speaks; English is the fallback. */
export const SUPPORTED_LOCALES = Object.keys(CATALOGUES) as SupportedLocale[];

// One i18next instance per process, initialised synchronously (the catalogues are in memory), so
// `translator` is usable the moment this module is loaded. Keys are flat and texts are markdown,
// not HTML: no key separators, no escaping.
const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(Object.entries(CATALOGUES).map(([code, texts]) => [code, { translation: texts }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: SUPPORTED_LOCALES,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The supported language of a locale tag (`fi`, `sk-SK`, `en-US`, Slack's `fi-FI`), or undefined. */
export function supportedLocale(tag: string | undefined): SupportedLocale | undefined {
  if (tag === undefined) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (SUPPORTED_LOCALES as string[]).includes(language) ? (language as SupportedLocale) : undefined;
}

/** The language to answer in: the person's own if Heimo speaks it, else the community's default, else English. */
export function chooseLocale(personLocale: string | undefined, communityLocale?: string): SupportedLocale {
  return supportedLocale(personLocale) ?? supportedLocale(communityLocale) ?? 'en';
}

/** A translator for a person (their platform locale, e.g. Discord's `fi` or `en-US`) in a community (its default locale). */
export function translator(personLocale: string | undefined, communityLocale?: string): Translator {
  const locale = chooseLocale(personLocale, communityLocale);
  const fixed = instance.getFixedT(locale);
  const translate = (key: MessageKey, values?: MessageValues): string => String(fixed(key, values ?? {}));
  return Object.assign(translate, { locale });
}
