import type { PrivacyChoices } from '../../privacy/index.ts';
import type { Translator } from '../../i18n/index.ts';
import type { CommandContext, CommandDefinition, CommandReply } from '../types.ts';

// `privacy`: a person's own choices (their name in articles, their words in search) and forgetting
// them. Everyone may run it, always on themselves: the person is the platform account that ran it.

const ACTIONS = ['show', 'name', 'index', 'board', 'forget'] as const;

const privately = (text: string): CommandReply => ({ visibility: 'private', text });

const describe = (choices: PrivacyChoices, t: Translator): string =>
  `${t('reply.privacy.choices', {
    name: t(choices.showName ? 'reply.privacy.name.on' : 'reply.privacy.name.off'),
    index: t(choices.indexable ? 'reply.privacy.index.on' : 'reply.privacy.index.off'),
  })} ${t('reply.privacy.board', { board: t(choices.showOnBoard ? 'reply.privacy.board.on' : 'reply.privacy.board.off') })}`;

// Which choice each changing action sets (`board`: on the public leaderboard, issue 11).
const CHANGES = {
  name: (on: boolean): Partial<PrivacyChoices> => ({ showName: on }),
  index: (on: boolean): Partial<PrivacyChoices> => ({ indexable: on }),
  board: (on: boolean): Partial<PrivacyChoices> => ({ showOnBoard: on }),
} as const;

const personOf = ({ invocation }: CommandContext) => ({ platform: invocation.platform, userId: invocation.actor.userId });

/** A run that forgets the person who ran it: the runner audits it without their id or name. */
export const forgetsActor = (args: Readonly<Record<string, unknown>>): boolean => args['action'] === 'forget' && args['confirm'] === true;

/** `privacy [show|name|index|board|forget] [on] [confirm]`: see or change one's choices, or be forgotten (asks to confirm first). */
export const PRIVACY_COMMAND: CommandDefinition = {
  name: 'privacy', kind: 'command', descriptionKey: 'command.privacy.description', permission: 'anyone', scope: 'any',
  options: [
    {
      name: 'action', descriptionKey: 'option.action.description', type: 'choice', required: false,
      choices: ACTIONS.map((value) => ({ value, labelKey: `choice.privacy.${value}` as const })),
    },
    { name: 'on', descriptionKey: 'option.privacyOn.description', type: 'boolean', required: false },
    { name: 'confirm', descriptionKey: 'option.confirm.description', type: 'boolean', required: false },
  ],
  forgetsActor,
  handler: async (context) => {
    const { args, services, t } = context;
    const person = personOf(context);
    const action = typeof args['action'] === 'string' ? args['action'] : 'show';
    if (action === 'forget') {
      if (!forgetsActor(args)) return privately(t('reply.privacy.forget.confirm'));
      await services.privacy.forget(person);
      return privately(t('reply.privacy.forgotten'));
    }
    if (action === 'name' || action === 'index' || action === 'board') {
      const on = args['on'];
      if (typeof on !== 'boolean') return privately(t('reply.privacy.needsOn', { action }));
      const choices = await services.privacy.setChoices(person, CHANGES[action](on));
      return privately(`${t('reply.privacy.saved')} ${describe(choices, t)}`);
    }
    return privately(describe(await services.privacy.choices(person), t));
  },
};
