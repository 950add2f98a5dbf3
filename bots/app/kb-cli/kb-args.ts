import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HeimoError } from '../../../core/errors.ts';
import type { ExportFormat } from './kb-export.ts';

/** What `heimo kb …` was asked to do. */
export type KbRequest =
  | { command: 'import'; file: string; community?: string }
  | { command: 'search-batch'; file: string; top: number; community?: string }
  | { command: 'export'; dir: string; format: ExportFormat; community?: string };

/** `--top` of `heimo kb search --batch`: default and bounds. */
export const TOP = { default: 10, min: 1, max: 100 } as const;

/** How `heimo kb` is used; shown with every argument mistake. */
export const KB_USAGE = `usage:
  heimo kb import FILE.jsonl [--community ID]
  heimo kb search --batch FILE.jsonl [--top N] [--community ID]
  heimo kb export --format md|json DIR [--community ID]`;

const bad = (message: string): HeimoError => new HeimoError('BAD_INPUT', `heimo kb: ${message}\n${KB_USAGE}`);

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
}

const community = (values: Record<string, string | boolean | undefined>): { community?: string } => {
  const value = values['community'];
  if (value === undefined) return {};
  if (typeof value !== 'string' || value.trim() === '') throw bad('--community needs a community id');
  return { community: value.trim() };
};

function topOf(raw: string | boolean | undefined): number {
  if (raw === undefined) return TOP.default;
  const value = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (value >= TOP.min && value <= TOP.max) return value;
  throw bad(`--top must be a whole number from ${TOP.min} to ${TOP.max}, got "${String(raw)}"`);
}

/** Reads `heimo kb <sub> …`'s arguments; a mistake is a BAD_INPUT naming it, with the usage. */
export function parseKbArgs(sub: string | undefined, args: string[]): KbRequest {
  switch (sub) {
    case 'import': {
      const { values, positionals } = parse(args, { community: { type: 'string' } });
      if (positionals.length !== 1 || positionals[0] === undefined) throw bad('import takes one JSONL file');
      return { command: 'import', file: positionals[0], ...community(values) };
    }
    case 'search': {
      const { values, positionals } = parse(args, { batch: { type: 'string' }, top: { type: 'string' }, community: { type: 'string' } });
      const file = values['batch'];
      if (typeof file !== 'string' || file === '' || positionals.length > 0) throw bad('search takes --batch FILE.jsonl');
      return { command: 'search-batch', file, top: topOf(values['top']), ...community(values) };
    }
    case 'export': {
      const { values, positionals } = parse(args, { format: { type: 'string' }, community: { type: 'string' } });
      const format = values['format'];
      if (format !== 'md' && format !== 'json') throw bad(`--format must be md or json, got "${String(format ?? '')}"`);
      if (positionals.length !== 1 || positionals[0] === undefined) throw bad('export takes one directory');
      return { command: 'export', dir: positionals[0], format, ...community(values) };
    }
    default:
      throw bad(sub === undefined ? 'which one?' : `unknown command "${sub}"`);
  }
}
