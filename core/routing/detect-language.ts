import { franc } from 'franc';
import { iso6393To1 } from 'iso-639-3';

/** Below this many letters franc guesses more than it knows: no language is reported. */
export const MIN_LANGUAGE_SAMPLE = 20;

// franc names some languages by an individual code where ISO 639-1 has only the macrolanguage.
const INDIVIDUAL_TO_1: Readonly<Record<string, string>> = {
  arb: 'ar', pes: 'fa', prs: 'fa', swh: 'sw', uzn: 'uz', zlm: 'ms', azj: 'az', plt: 'mg', als: 'sq', lvs: 'lv',
  ekk: 'et', khk: 'mn', pbu: 'ps', npi: 'ne', ydd: 'yi', ayr: 'ay', quz: 'qu', quy: 'qu', qug: 'qu', fuv: 'ff', fuf: 'ff', knc: 'kr', ckb: 'ku',
};

const TO_1: Readonly<Record<string, string>> = { ...iso6393To1, ...INDIVIDUAL_TO_1 };

// ISO 639-1 -> the ISO 639-3 codes franc may answer for it.
const FROM_1 = new Map<string, string[]>();
for (const [code3, code1] of Object.entries(TO_1)) FROM_1.set(code1, [...(FROM_1.get(code1) ?? []), code3]);

/**
 * The ISO 639-1 language of `text`, chosen among `candidates` (ISO 639-1 codes); null when the
 * text has too few letters, fewer than two candidates are known (nothing to tell apart), or franc
 * cannot decide.
 */
export function detectLanguage(text: string, candidates: readonly string[]): string | null {
  const only = [...new Set(candidates)].flatMap((code) => FROM_1.get(code) ?? []);
  if (new Set(only.map((code) => TO_1[code])).size < 2) return null;
  if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_LANGUAGE_SAMPLE) return null;
  const found = franc(text, { only, minLength: MIN_LANGUAGE_SAMPLE });
  return found === 'und' ? null : (TO_1[found] ?? null);
}
