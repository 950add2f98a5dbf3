import { readFile } from 'node:fs/promises';
import { z } from 'zod/v4';
import { defineCommunity, type NetworkConfig } from '../core/domain/network.ts';
import { ConfigError } from '../core/errors.ts';
import { checkCommunityRefs } from './network-checks.ts';
import { communityExtras, nonEmpty, route } from './network-schema.ts';

/** Default markers that keep an employee reply internal. */
export const DEFAULT_INTERNAL_MARKERS = ['//', 'note:'];

const NON_EMPTY = 'must be a non-empty string';

const community = z
  .object({ id: nonEmpty(), name: z.string({ error: 'must be a string' }).trim().optional(), discordGuildId: nonEmpty(), routes: z.array(route), ...communityExtras })
  .superRefine(checkCommunityRefs)
  .transform(({ name, fallbackTeam, ...rest }) => defineCommunity({ ...rest, name: name || rest.id, ...(fallbackTeam === undefined ? {} : { fallbackTeam }) }));

/** The network file's schema (unknown keys such as `$comment` are ignored). */
export const NETWORK_SCHEMA = z
  .object({ communities: z.array(community).default([]), internalMarkers: z.array(nonEmpty()).default(DEFAULT_INTERNAL_MARKERS) })
  .superRefine((network, ctx) => {
    const seen = new Map<string, string>();
    network.communities.forEach((entry, index) =>
      entry.routes.forEach((item) => {
        const owner = seen.get(item.discordChannelId);
        if (owner !== undefined) ctx.addIssue({ code: 'custom', path: ['communities', index], message: `routes Discord channel ${item.discordChannelId} already routed by ${owner}` });
        seen.set(item.discordChannelId, entry.id);
      }),
    );
  });

// zod's generic texts ("Invalid input: expected object, received number") in the file's own words.
const problem = (issue: z.core.$ZodIssue): string => {
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return issue.message;
  if (issue.expected === 'object') return 'must be an object';
  if (issue.expected === 'array') return 'must be an array';
  return issue.expected === 'string' ? NON_EMPTY : `must be ${issue.expected}`;
};

/** `communities[0].routes[1].destination`, or `(root)` for the file itself. */
const fieldPath = (path: PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '') || '(root)';

/** Validates a parsed network file; errors name the variable and the exact path at fault. */
export function parseNetwork(value: unknown, variable = 'HEIMO_CONFIG'): NetworkConfig {
  const result = NETWORK_SCHEMA.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigError('CONFIG_INVALID', variable, issue === undefined ? `${variable}: invalid network file` : `${variable}: ${fieldPath(issue.path)} ${problem(issue)}`);
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

// V8 does not always say where JSON.parse failed ("Unexpected token ']', ..."): the shortest
// prefix that fails before its own end ends one past the offending character.
function syntaxErrorOffset(text: string): number {
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message)?.[1];
      return !/end of JSON input/i.test(message) && (position === undefined || Number(position) < length);
    }
  };
  let low = 0;
  let high = text.length;
  if (!failsInside(high)) return text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}

/** Parses network-file JSON; a syntax error names the file, the line and the column. */
export function parseNetworkJson(text: string, path: string, variable = 'HEIMO_CONFIG'): unknown {
  const source = text.replace(/^\uFEFF/, ''); // editors on Windows like to start files with a BOM
  try {
    return JSON.parse(source);
  } catch (error) {
    const { line, column } = lineAndColumn(source, syntaxErrorOffset(source));
    // Keep V8's reason but not its position or quoted snippet: the line and column say where.
    const reason = (error as Error).message.replace(/,\s*(\.\.\.)?".*$/s, '').replace(/\s+(in JSON )?at position \d+.*$/s, '');
    throw new ConfigError('CONFIG_INVALID', variable, `${variable}: ${path} is not valid JSON at line ${line}, column ${column}: ${reason}`);
  }
}

/** Reads and validates the network file at `path`. */
export async function loadNetwork(path: string, variable = 'HEIMO_CONFIG'): Promise<NetworkConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', variable, `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseNetwork(parseNetworkJson(text, path, variable), variable);
}
