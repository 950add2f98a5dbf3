/** The connector and tenant a team or channel was last heard from. */
export interface StoredReference {
  serviceUrl: string;
  tenantId?: string;
}

/** An authenticated activity's fields that tell where its team lives. */
export interface ReferenceSource {
  serviceUrl?: string;
  conversation?: { id?: string; tenantId?: string; conversationType?: string };
  channelData?: unknown;
}

/** Remembers connectors per team and channel, learned from installationUpdate, conversationUpdate and messages. */
export interface ConversationReferences {
  remember(activity: ReferenceSource): void;
  /** The channel's reference, else its team's; undefined when Heimo never heard from either. */
  lookup(channelId: string, teamId?: string): StoredReference | undefined;
  /** The reference heard from most recently (a 1:1 chat has no channel: the tenant's connector will do). */
  latest(): StoredReference | undefined;
}

interface TeamsChannelData {
  team?: { id?: string; aadGroupId?: string };
  channel?: { id?: string };
  teamsChannelId?: string;
  teamsTeamId?: string;
  tenant?: { id?: string };
}

/**
 * Creates the in-memory store. Losing it on restart is acceptable: the network file's team and
 * channel plus TEAMS_SERVICE_URL are enough to post, and the next activity refreshes it. Only
 * activities that passed authentication and the serviceUrl allowlist are ever remembered.
 */
export function createConversationReferences(maxEntries = 10_000): ConversationReferences {
  const entries = new Map<string, StoredReference>();
  const put = (key: string | undefined, reference: StoredReference): void => {
    if (!key) return;
    entries.delete(key); // re-insert so the map's order is least recently heard first
    entries.set(key, reference);
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  };
  return {
    remember: (activity) => {
      if (!activity.serviceUrl) return;
      const data = (typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {}) as TeamsChannelData;
      const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
      const reference: StoredReference = { serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) };
      const channel = data.channel?.id ?? data.teamsChannelId ?? (activity.conversation?.conversationType === 'channel' ? activity.conversation.id?.split(';')[0] : undefined);
      put(channel, reference);
      put(data.team?.id ?? data.teamsTeamId, reference);
      // The network file may name the team by its Entra group id rather than its thread id.
      put(data.team?.aadGroupId, reference);
    },
    lookup: (channelId, teamId) => entries.get(channelId) ?? (teamId === undefined ? undefined : entries.get(teamId)),
    latest: () => [...entries.values()].pop(),
  };
}
