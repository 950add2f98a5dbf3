import type { MessageKey, MessageValues, Translator } from '../i18n/index.ts';
import type { ArgValue, CommandDefinition } from './types.ts';

/** Why arguments were refused: a catalogue key and its values, ready to translate. */
export interface ArgumentProblem {
  key: MessageKey;
  values: MessageValues;
  /** For an invalid value: what was expected, translated into the `expected` placeholder. */
  expected?: { key: MessageKey; values: MessageValues };
}

/** The problem in the person's language. */
export function describeProblem(problem: ArgumentProblem, t: Translator): string {
  const expected = problem.expected === undefined ? {} : { expected: t(problem.expected.key, problem.expected.values) };
  return t(problem.key, { ...problem.values, ...expected });
}

/** Validated arguments, or the first problem found. */
export type ArgumentCheck = { ok: true; args: Record<string, ArgValue> } | { ok: false; problem: ArgumentProblem };

// Slack and Teams hand every argument over as text; these are the words people type for yes and no.
const YES = new Set(['true', 'yes', 'on', 'y', '1', 'kyllä', 'joo', 'áno', 'ano']);
const NO = new Set(['false', 'no', 'off', 'n', '0', 'ei', 'nie']);

function toBoolean(value: ArgValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  return YES.has(word) ? true : NO.has(word) ? false : undefined;
}

/**
 * Checks arguments against the definition: every required option present and non-empty, booleans
 * read from text, choices among their values, text trimmed. Unknown arguments are dropped.
 */
export function checkArguments(definition: CommandDefinition, given: Readonly<Record<string, ArgValue | undefined>>): ArgumentCheck {
  const args: Record<string, ArgValue> = {};
  const command = definition.name;
  for (const option of definition.options) {
    const raw = given[option.name];
    const empty = raw === undefined || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (option.required) return { ok: false, problem: { key: 'error.missingOption', values: { command, option: option.name } } };
      continue;
    }
    const invalid = (key: MessageKey, values: MessageValues = {}): ArgumentCheck => ({
      ok: false,
      problem: { key: 'error.invalidOption', values: { command, option: option.name }, expected: { key, values } },
    });
    if (option.type === 'boolean') {
      const value = toBoolean(raw);
      if (value === undefined) return invalid('error.expected.boolean');
      args[option.name] = value;
      continue;
    }
    if (typeof raw !== 'string') return invalid('error.expected.text');
    const text = raw.trim();
    if (option.type === 'choice') {
      const values = (option.choices ?? []).map((choice) => choice.value);
      if (!values.includes(text.toLowerCase())) return invalid('error.expected.choice', { choices: values.join(', ') });
      args[option.name] = text.toLowerCase();
      continue;
    }
    args[option.name] = text;
  }
  return { ok: true, args };
}
