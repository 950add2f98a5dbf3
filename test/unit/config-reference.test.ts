import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_REFERENCE, referenceRows, referenceTable } from '../../bots/app/config-command.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('configuration reference', () => {
  it('should hold the table generated from the schema when README is read', () => {
    const section = /<!-- config-reference:start -->\n([\s\S]*?)\n<!-- config-reference:end -->/.exec(README)?.[1];

    // On a mismatch: paste the output of `npx heimo config reference` between the markers.
    expect(section).toBe(referenceTable());
  });

  it('should describe every variable when the schema is read', () => {
    const undocumented = referenceRows().filter((row) => row.description.trim() === '');
    expect(undocumented.map((row) => row.name)).toEqual([]);
  });

  it('should know every HEIMO_ variable README mentions when README names one anywhere', () => {
    const mentioned = new Set([...README.matchAll(/\bHEIMO_[A-Z0-9_]+\b/g)].map((match) => match[0]));
    expect([...mentioned].filter((name) => !(name in ENV_REFERENCE))).toEqual([]);
  });
});
