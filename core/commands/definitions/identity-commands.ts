import { hasCode, HeimoError } from '../../errors.ts';
import type { AccountFacts, LinkRefusal } from '../../identity/index.ts';
import type { CommandContext, CommandDefinition, CommandGroup, CommandReply } from '../types.ts';

// `link` and `unlink`: one person across platforms (issue 11). Always about the account that runs
// them, and answered privately: a link code is as good as a password for 15 minutes.

const privately = (text: string): CommandReply => ({ visibility: 'private', text });

const REFUSALS: readonly LinkRefusal[] = ['unknown', 'used', 'expired', 'own'];

const PLATFORM_NAMES = { discord: 'Discord', slack: 'Slack', teams: 'Teams' } as const;

const identityOf = ({ services }: CommandContext) => {
  if (services.identity === undefined) throw new HeimoError('BAD_INPUT', 'linking accounts is not set up here');
  return services.identity;
};

// What the running account tells identity: a staff role seen by the command permissions counts.
const factsOf = ({ invocation, privilege }: CommandContext): AccountFacts => ({
  platform: invocation.platform, userId: invocation.actor.userId, displayName: invocation.actor.displayName, ...(privilege === 'none' ? {} : { staffRole: true }),
});

/** `link [code]`: without a code, a fresh one to run on the other platform; with one, joins the two accounts. */
export const LINK_COMMAND: CommandDefinition = {
  name: 'link', kind: 'command', descriptionKey: 'command.link.description', permission: 'anyone', scope: 'any',
  options: [{ name: 'code', descriptionKey: 'option.linkCode.description', type: 'string', required: false }],
  handler: async (context) => {
    const { args, t, actor } = context;
    const identity = identityOf(context);
    const typed = typeof args['code'] === 'string' ? args['code'].trim() : '';
    if (typed === '') {
      const { code } = await identity.createLinkCode(factsOf(context));
      return privately(t('reply.link.code', { code, minutes: 15 }));
    }
    try {
      const person = await identity.redeemLinkCode(typed, factsOf(context), actor);
      const platforms = [...new Set(person.accounts.map((account) => PLATFORM_NAMES[account.platform]))].join(', ');
      return privately(t('reply.link.linked', { platforms }));
    } catch (error) {
      const reason = hasCode(error, 'BAD_INPUT') ? error.context['reason'] : undefined;
      const refusal = REFUSALS.find((known) => known === reason);
      if (refusal !== undefined) return privately(t(`reply.link.refused.${refusal}`, { code: typed.toUpperCase() }));
      throw error;
    }
  },
};

/** `unlink`: splits the running account off its person. */
export const UNLINK_COMMAND: CommandDefinition = {
  name: 'unlink', kind: 'command', descriptionKey: 'command.unlink.description', permission: 'anyone', scope: 'any', options: [],
  handler: async (context) => {
    const { invocation, t, actor } = context;
    try {
      await identityOf(context).unlink(factsOf(context), actor);
      return privately(t('reply.unlink.done', { platform: PLATFORM_NAMES[invocation.platform] }));
    } catch (error) {
      if (hasCode(error, 'NOT_FOUND')) return privately(t('reply.unlink.notLinked'));
      throw error;
    }
  },
};

/** The identity commands (issue 11). */
export const IDENTITY_COMMANDS: readonly CommandDefinition[] = [LINK_COMMAND, UNLINK_COMMAND];

/** The groups the identity commands belong to. */
export const IDENTITY_GROUPS: readonly CommandGroup[] = [];
