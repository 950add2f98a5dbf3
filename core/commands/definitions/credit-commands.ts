import type { CommandContext, CommandDefinition, CommandGroup, CommandOption, CommandReply } from '../types.ts';

// `/heimo credit give|revoke|flags` (issue 11): moderators' hand on the ledger. Give appends a
// moderator row, revoke appends reversals (nothing is edited); the command runner audits both.

/** `/heimo credit ...`. */
export const CREDIT_GROUP: CommandGroup = { name: 'credit', descriptionKey: 'command.credit.description' };

const MAX_POINTS = 10_000;

const OPTIONS: readonly CommandOption[] = [
  { name: 'user', descriptionKey: 'option.creditUser.description', type: 'user', required: true },
  { name: 'points', descriptionKey: 'option.creditPoints.description', type: 'string', required: true },
  { name: 'reason', descriptionKey: 'option.creditReason.description', type: 'string', required: true, long: true },
];

const privately = (text: string): CommandReply => ({ visibility: 'private', text });

const arg = (context: CommandContext, name: string): string => {
  const value = context.args[name];
  return typeof value === 'string' ? value.trim() : '';
};

// Give and revoke read the same options; a bad number is answered, not thrown.
const moderate = (name: 'give' | 'revoke'): CommandDefinition => ({
  name: `credit ${name}`, kind: 'command', descriptionKey: `command.credit.${name}.description`, permission: 'moderator', scope: 'any', options: OPTIONS,
  handler: async (context) => {
    const { services, invocation, actor, t } = context;
    if (services.credits === undefined) return privately(t('reply.credit.unavailable'));
    const text = arg(context, 'points');
    const points = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(points) || points < 1 || points > MAX_POINTS) return privately(t('reply.credit.badPoints', { points: text }));
    const reason = arg(context, 'reason');
    const account = { platform: invocation.platform, userId: arg(context, 'user') };
    const { communityId } = invocation;
    if (name === 'give') await services.credits.give({ communityId, to: account, points, reason, actor });
    else await services.credits.revoke({ communityId, from: account, points, reason, actor });
    return privately(t(name === 'give' ? 'reply.credit.given' : 'reply.credit.revoked', { points, reason }));
  },
});

/** Open ring flags of the community, for moderators to look into. */
const FLAGS: CommandDefinition = {
  name: 'credit flags', kind: 'command', descriptionKey: 'command.credit.flags.description', permission: 'moderator', scope: 'any', options: [],
  handler: async ({ services, invocation, t }) => {
    if (services.credits === undefined) return privately(t('reply.credit.unavailable'));
    const flags = await services.credits.flags(invocation.communityId);
    if (flags.length === 0) return privately(t('reply.credit.flags.empty'));
    const lines = flags.map((flag) => `- ${t('reply.credit.flags.line', {
      members: flag.members.map((member) => member.displayName).join(', '),
      credits: flag.evidence.credits,
      share: Math.round(flag.evidence.share * 100),
      days: flag.evidence.windowDays,
      date: flag.flaggedAt.toISOString().slice(0, 10),
    })}`);
    return privately([t('reply.credit.flags.title'), ...lines].join('\n'));
  },
};

/** The credit commands (issue 11). */
export const CREDIT_COMMANDS: readonly CommandDefinition[] = [moderate('give'), moderate('revoke'), FLAGS];

/** The groups the credit commands belong to. */
export const CREDIT_GROUPS: readonly CommandGroup[] = [CREDIT_GROUP];
