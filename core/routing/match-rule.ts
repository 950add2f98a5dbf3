import { RULE_PATTERN_FLAGS, type RoutingRuleConfig } from '../domain/network.ts';
import { PATTERN_INPUT_LIMIT } from './types.ts';

/** What a rule is tested against: the question as routing sees it, language and tier resolved. */
export interface RuleInput {
  channelId: string;
  /** Tag names, lower case. */
  tags: ReadonlySet<string>;
  /** Title and text, one string. */
  content: string;
  language: string | null;
  tierId: string | null;
}

interface CompiledRule {
  keywords: RegExp | null;
  patterns: RegExp[];
  tags: ReadonlySet<string> | null;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A keyword is a whole word when no letter, digit or joiner touches it ("invoice" is not in "invoices").
const keywordsRegExp = (keywords: string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])(?:${keywords.map((word) => escapeRegExp(word.normalize('NFC')).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}\\p{M}_])`, 'iu');

// Rules live as long as the network file: compile each once.
const compiled = new WeakMap<RoutingRuleConfig, CompiledRule>();

function compile(rule: RoutingRuleConfig): CompiledRule {
  let entry = compiled.get(rule);
  if (entry === undefined) {
    const { keywords, patterns, tags } = rule.match;
    entry = {
      keywords: keywords === undefined || keywords.length === 0 ? null : keywordsRegExp(keywords),
      patterns: (patterns ?? []).map((source) => new RegExp(source, RULE_PATTERN_FLAGS)),
      tags: tags === undefined ? null : new Set(tags.map((tag) => tag.toLowerCase())),
    };
    compiled.set(rule, entry);
  }
  return entry;
}

const anyOf = <T>(given: readonly T[] | undefined, holds: (value: T) => boolean): boolean => given === undefined || given.some(holds);

/** True when every condition the rule gives holds (a condition with an empty list never holds). */
export function matchesRule(rule: RoutingRuleConfig, input: RuleInput): boolean {
  const { match } = rule;
  const { keywords, patterns, tags } = compile(rule);
  if (!anyOf(match.channels, (channel) => channel === input.channelId)) return false;
  if (tags !== null && ![...tags].some((tag) => input.tags.has(tag))) return false;
  if (!anyOf(match.languages, (language) => language === input.language)) return false;
  if (!anyOf(match.tiers, (tier) => tier === input.tierId)) return false;
  if (match.keywords !== undefined && (keywords === null || !keywords.test(input.content))) return false;
  if (match.patterns !== undefined) {
    const sample = input.content.slice(0, PATTERN_INPUT_LIMIT);
    if (!patterns.some((pattern) => pattern.test(sample))) return false;
  }
  return true;
}
