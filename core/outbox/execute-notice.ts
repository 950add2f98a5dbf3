import type { Destination, EmployeePlatform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { Translator } from '../i18n/index.ts';
import type { CardAction, CustomerDelivery, EmployeeDelivery, NoticeView } from '../ports/delivery.ts';
import { communityTranslator } from './card-details.ts';
import { field, threadOf, type ExecuteContext } from './execute-delivery.ts';
import type { ClaimedEntry, DeliveryEffect } from './port.ts';
import type { ConversationStatus } from '../domain/types.ts';

// A platform whose delivery lacks the method: a dead letter (revivable once its bot renders the
// kind), not an outage that would pause the platform.
const unrendered = (claimed: ClaimedEntry): HeimoError =>
  new HeimoError('BAD_INPUT', `no ${claimed.entry.platform} delivery renders ${claimed.entry.kind} yet`, { context: { entryId: claimed.entry.id } });

/**
 * Performs Heimo's own posts: the status shown on Discord, prompts in the Discord thread, a private
 * message to an assignee, an escalation in the team's channel. Words come from the catalogue in the
 * community's language (the payload's text when the kind has no catalogue text).
 */
export async function executeNotice(context: ExecuteContext, claimed: ClaimedEntry, isRetry: boolean): Promise<DeliveryEffect[]> {
  const { entry } = claimed;
  const notice = (text: string): NoticeView => ({ text, idempotencyKey: entry.id, isRetry });
  switch (entry.kind) {
    case 'status.update':
    case 'prompt.post': {
      const discord: CustomerDelivery | undefined = entry.platform === 'discord' ? context.deliveries.discord : undefined;
      if (entry.platform !== 'discord') throw new HeimoError('BAD_INPUT', `${entry.kind} goes to Discord only`, { context: { entryId: entry.id } });
      if (!discord) throw new HeimoError('NOT_CONNECTED', 'discord is not configured');
      if (!(entry.kind === 'status.update' ? discord.showStatus : discord.postPrompt)) throw unrendered(claimed);
      const view = await context.store.conversationView(entry.conversationId);
      const t = communityTranslator(context.cards, view.communityId);
      const link = threadOf(claimed);
      const thread = { channelId: link.channelId, threadId: link.threadId };
      if (entry.kind === 'status.update') {
        if (!discord.showStatus) throw unrendered(claimed);
        // The status the change set (entries of a stream go in order); the current one for an entry without it.
        const status = (entry.payload['status'] ?? view.status) as ConversationStatus;
        await discord.showStatus(thread, { status, label: t(`status.${status}`), idempotencyKey: entry.id });
        return [];
      }
      if (!discord.postPrompt) throw unrendered(claimed);
      const prompt = entry.payload['prompt'];
      if (prompt === 'window') {
        await discord.postPrompt(thread, { conversationId: entry.conversationId, text: t('prompt.window.ping'), actions: [], mentionRoleId: field(entry, 'roleId'), idempotencyKey: entry.id, isRetry });
        return [];
      }
      if (prompt === 'survey') {
        await discord.postPrompt(thread, { conversationId: entry.conversationId, text: t('prompt.survey.text'), actions: surveyActions(t), idempotencyKey: entry.id, isRetry });
        return [];
      }
      // The buttons run the registry's own commands: Solved resolves, Still need help reopens.
      const actions: CardAction[] = [
        { command: 'resolve', label: t('prompt.idle.solved'), style: 'primary' },
        { command: 'reopen', label: t('prompt.idle.stillNeedHelp'), style: 'default' },
      ];
      await discord.postPrompt(thread, { conversationId: entry.conversationId, text: prompt === 'idle' ? t('prompt.idle.text') : field(entry, 'text'), actions, idempotencyKey: entry.id, isRetry });
      return [];
    }
    case 'dm.post': {
      const employee = employeeDelivery(context, claimed);
      if (!employee.postDirect) throw unrendered(claimed);
      const t = communityTranslator(context.cards, (await context.store.conversationView(entry.conversationId)).communityId);
      const by = entry.payload['by'];
      const text = by === undefined ? t('notice.assigned', { title: field(entry, 'title') }) : t('notice.assignedBy', { title: field(entry, 'title'), by });
      await employee.postDirect(field(entry, 'userId'), notice(withLink(text, entry.payload['url'])));
      return [];
    }
    case 'escalation.post': {
      const employee = employeeDelivery(context, claimed);
      if (!employee.postNotice) throw unrendered(claimed);
      const teamId = entry.payload['teamId'];
      const destination: Destination = { platform: entry.platform as EmployeePlatform, channelId: field(entry, 'channelId'), ...(teamId === undefined ? {} : { teamId }) };
      const mention = entry.payload['mention'];
      const t = communityTranslator(context.cards, (await context.store.conversationView(entry.conversationId)).communityId);
      const key = field(entry, 'clock') === 'resolution' ? 'notice.breach.resolution' : 'notice.breach.first-response';
      const text = withLink(t(key, { title: field(entry, 'title') }), entry.payload['url']);
      // The platform writes the mention: as plain text in the notice it would not ping anyone.
      await employee.postNotice(destination, { ...notice(text), ...(typeof mention === 'string' ? { mention } : {}) });
      return [];
    }
    default:
      throw new HeimoError('BAD_INPUT', `${entry.kind} is not a notice`, { context: { entryId: entry.id } });
  }
}

// The satisfaction survey's five buttons, 1 to 5, each running `rate` with its score (only the asker's click counts).
const SURVEY_SCORES = ['1', '2', '3', '4', '5'] as const;
const surveyActions = (t: Translator): CardAction[] =>
  SURVEY_SCORES.map((score) => ({ command: 'rate', label: t(`prompt.survey.score.${score}`), style: 'default', args: { score } }));

// The question's link on its own line, when there is one.
const withLink = (text: string, url: string | undefined): string => (url === undefined || url === '' ? text : `${text}\n${url}`);

const employeeDelivery = (context: ExecuteContext, claimed: ClaimedEntry): EmployeeDelivery => {
  const { platform } = claimed.entry;
  if (platform === 'discord') throw new HeimoError('BAD_INPUT', `${claimed.entry.kind} goes to the employee side only`, { context: { entryId: claimed.entry.id } });
  const adapter = context.deliveries[platform];
  if (!adapter) throw new HeimoError('NOT_CONNECTED', `${platform} is not configured`, { context: { platform } });
  return adapter;
};
