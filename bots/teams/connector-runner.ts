import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Logger } from '../../core/index.ts';
import type { ServiceUrlAllowlist } from './service-url-allowlist.ts';
import { toHeimoError } from './teams-errors.ts';

/** Where a proactive call goes: the connector and the conversation it acts in. */
export interface ConnectorTarget {
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
}

/** Runs connector calls proactively, each through the allowlist and Heimo's error types. */
export type ConnectorRunner = <T>(target: ConnectorTarget, method: string, call: (connector: ConnectorClient) => Promise<T>) => Promise<T>;

/**
 * A new post in a Teams channel: a new conversation (reply chain) whose root is `activity` (a
 * card, a notice), created by the bot in the target's tenant.
 */
export function channelPostParameters(appId: string, where: ConnectorTarget, channelId: string, activity: Partial<Activity>): ConversationParameters {
  return {
    isGroup: true,
    bot: { id: `28:${appId}`, name: 'Heimo' },
    ...(where.tenantId ? { tenantId: where.tenantId } : {}),
    channelData: { channel: { id: channelId }, ...(where.tenantId ? { tenant: { id: where.tenantId } } : {}) },
    activity: activity as Activity,
  } as ConversationParameters;
}

/** What the runner needs from the bot. */
export interface ConnectorRunnerConfig {
  adapter: TeamsAdapter;
  appId: string;
  allowlist: ServiceUrlAllowlist;
  logger: Logger;
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * Heimo's outbox is the one place that retries. The Azure pipeline under ConnectorClient would
 * otherwise retry 429/5xx and dropped connections itself: a POST whose answer was lost would be
 * sent again behind the outbox's back (a duplicate in Teams), and the worker would sleep inside
 * the call. `client` is internal to botbuilder-stdlib, hence the defensive lookup.
 */
function withoutSdkRetries(connector: ConnectorClient, logger: Logger): void {
  const pipeline = (connector as unknown as PipelineHolder).client?.pipeline;
  if (pipeline) pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  else logger.warn('could not disable the connector SDK retries; a lost answer may duplicate a Teams post');
}

/** Creates the runner: a continueConversation turn gives the SDK's own authenticated ConnectorClient. */
export function createConnectorRunner(config: ConnectorRunnerConfig): ConnectorRunner {
  return async <T>(target: ConnectorTarget, method: string, call: (connector: ConnectorClient) => Promise<T>): Promise<T> => {
    config.allowlist.assert(target.serviceUrl, method);
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      bot: { id: `28:${config.appId}`, name: 'Heimo' },
      conversation: { id: target.conversationId, isGroup: true, conversationType: 'channel', name: '', ...(target.tenantId ? { tenantId: target.tenantId } : {}) },
    };
    // Assigned inside the turn callback, which control-flow analysis cannot see: hence the assertion.
    let outcome = undefined as { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      await config.adapter.continueConversationAsync(config.appId, reference, async (context) => {
        const connector = context.turnState.get<ConnectorClient>(config.adapter.ConnectorClientKey);
        withoutSdkRetries(connector, config.logger);
        try {
          outcome = { ok: true, value: await call(connector) };
        } catch (error) {
          // Kept aside so no turn-error handler can swallow it on the way out of the adapter.
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      throw toHeimoError(error, method);
    }
    if (!outcome) throw toHeimoError(new Error('the proactive turn did not run'), method);
    if (!outcome.ok) throw toHeimoError(outcome.error, method);
    return outcome.value;
  };
}
