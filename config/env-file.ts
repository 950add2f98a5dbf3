import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { ConfigError } from '../core/errors.ts';
import { optional, type Env } from './env-schema.ts';

/**
 * Adds the variables of a dotenv file beneath `env`: HEIMO_ENV_FILE names it, else `.env` in `cwd`
 * is read when present. A variable set in the real environment (even blank) wins over the file.
 */
export function withEnvFile(env: Env, cwd = process.cwd()): Env {
  const named = optional(env, 'HEIMO_ENV_FILE');
  const path = resolve(cwd, named ?? '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (named === undefined && code === 'ENOENT') return env;
    throw new ConfigError('CONFIG_INVALID', 'HEIMO_ENV_FILE', `${named === undefined ? 'the .env file' : 'HEIMO_ENV_FILE'}: cannot read ${path} (${code})`);
  }
  const fromFile: Env = parse(text);
  for (const [name, value] of Object.entries(env)) if (value !== undefined) fromFile[name] = value;
  return fromFile;
}
