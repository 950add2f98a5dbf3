import { z } from 'zod/v4';
import {
  CHANNEL_ROUTE_RULE,
  COMMUNITY_LOCALES,
  FALLBACK_RULE,
  DEFAULT_CREDITS,
  DEFAULT_KNOWLEDGE,
  NO_STAFF,
  DEFAULT_LIFECYCLE,
  NO_PERMISSIONS,
  DEFAULT_SATISFACTION,
  type BusinessHoursConfig,
  type SatisfactionConfig,
  type CreditsConfig,
  type KnowledgeConfig,
  type RoutingRuleConfig,
  type TeamConfig,
  type TierConfig,
} from '../core/domain/network.ts';
import type { Destination } from '../core/domain/types.ts';
import { duration } from './env-schema.ts';
import { isLanguageCode, isTimeZone, isValidPattern } from './network-checks.ts';

const NON_EMPTY = 'must be a non-empty string';

/** A trimmed, non-empty string. */
export const nonEmpty = () => z.string({ error: NON_EMPTY }).trim().min(1, { error: NON_EMPTY });

const ids = () => z.array(nonEmpty()).default([]);

/** A Slack channel, or a Teams channel and its team. */
export const destination = z.discriminatedUnion(
  'platform',
  [z.object({ platform: z.literal('slack'), channelId: nonEmpty() }), z.object({ platform: z.literal('teams'), channelId: nonEmpty(), teamId: nonEmpty() })],
  { error: (issue) => (issue.code === 'invalid_union' ? 'must be "slack" or "teams"' : undefined) },
);

/** One watched Discord channel and where its questions go. */
export const route = z.object({ discordChannelId: nonEmpty(), destination });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time like 09:00 (HH:mm, 24-hour)' });

const businessHours = z
  .object({
    timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Helsinki' }),
    days: z
      .array(z.int().min(1, { error: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { error: 'must be 1 (Monday) to 7 (Sunday)' }))
      .min(1, { error: 'must name at least one day' })
      .refine((days) => new Set(days).size === days.length, { error: 'must not repeat a day' }),
    start: clock,
    end: clock,
  })
  // Both are zero-padded HH:mm, so text order is time order.
  .refine((hours) => hours.start < hours.end, { path: ['end'], error: 'must be after start' })
  .transform((hours): BusinessHoursConfig => hours);

const team = z
  .object({
    id: nonEmpty(),
    name: z.string({ error: 'must be a string' }).trim().optional(),
    destination,
    businessHours: businessHours.optional(),
    escalation: z.object({ destination, mention: nonEmpty().optional() }).optional(),
    capacity: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).default(5),
  })
  .transform(({ name, businessHours: hours, escalation, ...rest }): TeamConfig => ({
    ...rest,
    destination: rest.destination as Destination,
    name: name || rest.id,
    ...(hours === undefined ? {} : { businessHours: hours }),
    ...(escalation === undefined ? {} : { escalation: { destination: escalation.destination as Destination, ...(escalation.mention === undefined ? {} : { mention: escalation.mention }) } }),
  }));

const tier = z
  .object({
    id: nonEmpty(),
    discordRoleIds: z.array(nonEmpty()).min(1, { error: 'must list at least one Discord role id' }),
    firstResponse: duration(60_000).optional(),
    resolution: duration(60_000).optional(),
    skipCommunityWindow: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .transform(({ firstResponse, resolution, ...rest }): TierConfig => ({
    ...rest,
    ...(firstResponse === undefined ? {} : { firstResponseMs: firstResponse }),
    ...(resolution === undefined ? {} : { resolutionMs: resolution }),
  }));

const languageCode = nonEmpty().transform((code) => code.toLowerCase()).refine(isLanguageCode, { error: 'must be an ISO 639-1 language code such as en, fi or sk' });
const pattern = z.string({ error: NON_EMPTY }).min(1, { error: NON_EMPTY }).superRefine((source, ctx) => {
  const problem = isValidPattern(source);
  if (problem !== true) ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${problem}` });
});

// An empty list could never match: the rule would be dead without a word of warning.
const condition = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: 'must not be empty (leave it out to match any)' }).optional();

const match = z
  .object({
    channels: condition(nonEmpty()),
    tags: condition(nonEmpty()),
    keywords: condition(nonEmpty()),
    patterns: condition(pattern),
    languages: condition(languageCode),
    tiers: condition(nonEmpty()),
  })
  // Absent and undefined are one thing to a rule: keep only the conditions the file gives.
  .transform((given) => Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)));

/** Rule names routing itself reports for questions no rule matched. */
export const RESERVED_RULE_NAMES = [FALLBACK_RULE, CHANNEL_ROUTE_RULE];

const rule = z
  .object({
    name: nonEmpty().refine((name) => !RESERVED_RULE_NAMES.includes(name), { error: `must not be ${RESERVED_RULE_NAMES.join(' or ')} (Heimo reports those when no rule matches)` }),
    match: match.default({}),
    team: nonEmpty(),
    communityWindow: duration().default(0),
    pingRoleId: nonEmpty().optional(),
  })
  .transform(({ communityWindow, pingRoleId, ...rest }): RoutingRuleConfig => ({ ...rest, communityWindowMs: communityWindow, ...(pingRoleId === undefined ? {} : { pingRoleId }) }));

const permissions = z
  .object({
    discord: z.object({ moderatorRoleIds: ids(), staffRoleIds: ids() }).default(NO_PERMISSIONS.discord),
    slack: z.object({ moderatorUserGroupIds: ids(), staffUserGroupIds: ids(), staffChannelIds: ids() }).default(NO_PERMISSIONS.slack),
    teams: z.object({ moderatorTeamIds: ids(), staffTeamIds: ids() }).default(NO_PERMISSIONS.teams),
  })
  .default(NO_PERMISSIONS);

const lifecycle = z
  .object({ idlePrompt: duration(60_000).default(DEFAULT_LIFECYCLE.idlePromptMs), idleClose: duration(60_000).default(DEFAULT_LIFECYCLE.idleCloseMs) })
  .transform(({ idlePrompt, idleClose }) => ({ idlePromptMs: idlePrompt, idleCloseMs: idleClose }))
  .default(DEFAULT_LIFECYCLE);

const knowledge = z
  .object({
    reviewChannel: destination.optional(),
    autoPublish: z.boolean().default(DEFAULT_KNOWLEDGE.autoPublish),
    reverifyAfter: duration(86_400_000).default(DEFAULT_KNOWLEDGE.reverifyAfterMs),
    maxSuggestions: z.int().min(0).max(3, { error: 'must be 0 to 3' }).default(DEFAULT_KNOWLEDGE.maxSuggestions),
    suggestThreshold: z.number().min(0).max(1, { error: 'must be between 0 and 1' }).default(DEFAULT_KNOWLEDGE.suggestThreshold),
    privacyMode: z.enum(['named', 'anonymised'], { error: 'must be "named" or "anonymised"' }).default(DEFAULT_KNOWLEDGE.privacyMode),
  })
  .transform(({ reviewChannel, reverifyAfter, ...rest }): KnowledgeConfig => ({ ...rest, reverifyAfterMs: reverifyAfter, ...(reviewChannel === undefined ? {} : { reviewChannel }) }))
  .default(DEFAULT_KNOWLEDGE);

const points = (value: number) => z.int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).default(value);
const P = DEFAULT_CREDITS.points;
const R = DEFAULT_CREDITS.rules;

const ambassadorTier = z.object({
  id: nonEmpty(),
  name: nonEmpty().optional(),
  threshold: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }),
  discordRoleId: nonEmpty().optional(),
}).transform(({ name, discordRoleId, ...rest }) => ({ ...rest, name: name ?? rest.id, ...(discordRoleId === undefined ? {} : { discordRoleId }) }));

const digest = z.object({
  destination,
  weekday: z.int().min(1, { error: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { error: 'must be 1 (Monday) to 7 (Sunday)' }).default(1),
  hour: z.int().min(0, { error: 'must be 0 to 23' }).max(23, { error: 'must be 0 to 23' }).default(9),
  timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Helsinki' }).default('UTC'),
}).transform((value) => ({ ...value, destination: value.destination as Destination }));

const credits = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }).default(DEFAULT_CREDITS.enabled),
    points: z.object({
      answerAccepted: points(P.answerAccepted), answerAcceptedRouted: points(P.answerAcceptedRouted), accepting: points(P.accepting),
      thanks: points(P.thanks), articlePublished: points(P.articlePublished), suggestionAccepted: points(P.suggestionAccepted),
    }).default(P),
    rules: z.object({
      thanksRecent: duration(60_000).default(R.thanksRecentMs),
      thanksPerPairPerDay: points(R.thanksPerPairPerDay),
      receiverDailyCap: points(R.receiverDailyCap),
      giverDailyCap: points(R.giverDailyCap),
      ring: z.object({
        window: duration(3_600_000).default(R.ring.windowMs),
        minCredits: z.int().min(2, { error: 'must be at least 2' }).default(R.ring.minCredits),
        share: z.number().gt(0, { error: 'must be above 0' }).max(1, { error: 'must be at most 1' }).default(R.ring.share),
        maxSize: z.int().min(2, { error: 'must be at least 2' }).max(5, { error: 'must be at most 5' }).default(R.ring.maxSize),
      }).transform(({ window, ...rest }) => ({ ...rest, windowMs: window })).default(R.ring),
    }).transform(({ thanksRecent, ...rest }) => ({ ...rest, thanksRecentMs: thanksRecent })).default(R),
    tiers: z.array(ambassadorTier)
      .refine((tiers) => new Set(tiers.map((tier) => tier.id)).size === tiers.length, { error: 'must not repeat a tier id' })
      .refine((tiers) => tiers.every((tier, index) => index === 0 || tier.threshold > (tiers[index - 1]?.threshold ?? 0)), { error: 'must list tiers lowest threshold first, each above the one before' })
      .default(DEFAULT_CREDITS.tiers),
    tierWindow: duration(86_400_000).default(DEFAULT_CREDITS.tierWindowMs),
    demoteEvery: z.enum(['week', 'month'], { error: 'must be "week" or "month"' }).default(DEFAULT_CREDITS.demoteEvery),
    announceChannelId: nonEmpty().optional(),
    digest: digest.optional(),
  })
  .transform(({ tierWindow, announceChannelId, digest: weekly, ...rest }): CreditsConfig => ({
    ...rest,
    tierWindowMs: tierWindow,
    ...(announceChannelId === undefined ? {} : { announceChannelId }),
    ...(weekly === undefined ? {} : { digest: weekly }),
  }))
  .default(DEFAULT_CREDITS);

const account = z.object({ platform: z.enum(['discord', 'slack', 'teams'], { error: 'must be "discord", "slack" or "teams"' }), userId: nonEmpty() });

const staff = z
  .object({
    emailDomains: z.array(nonEmpty().transform((domain) => domain.toLowerCase().replace(/^@/, ''))).default([]),
    emails: z.array(z.email({ error: 'must be an e-mail address' }).transform((email) => email.toLowerCase())).default([]),
    accounts: z.array(account).default([]),
  })
  .default(NO_STAFF);

const satisfaction = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }).default(DEFAULT_SATISFACTION.enabled),
    sample: z.number({ error: 'must be a number from 0 to 1' }).min(0, { error: 'must be from 0 to 1' }).max(1, { error: 'must be from 0 to 1' }).default(DEFAULT_SATISFACTION.sampleRate),
    cooldown: duration(3_600_000).default(DEFAULT_SATISFACTION.cooldownMs),
    delay: duration(60_000).default(DEFAULT_SATISFACTION.delayMs),
  })
  .transform(({ enabled, sample, cooldown, delay }): SatisfactionConfig => ({ enabled, sampleRate: sample, cooldownMs: cooldown, delayMs: delay }))
  .default(DEFAULT_SATISFACTION);

/** The parts of a community beyond its routes: locale, teams, tiers, rules, permissions and lifecycle. */
export const communityExtras = {
  locale: z.enum(COMMUNITY_LOCALES, { error: `must be one of ${COMMUNITY_LOCALES.join(', ')}` }).default('en'),
  teams: z.array(team).default([]),
  tiers: z.array(tier).default([]),
  rules: z.array(rule).default([]),
  fallbackTeam: nonEmpty().optional(),
  permissions,
  lifecycle,
  knowledge,
  credits,
  staff,
  satisfaction,
};
