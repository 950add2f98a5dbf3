import type { Clocks } from '../clocks/index.ts';
import type { ConversationLookups, TranscriptReader } from '../conversations/index.ts';
import type { CommunityConfig, NetworkConfig, TeamConfig } from '../domain/network.ts';
import type { DeliveryStream } from '../domain/outbox.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Lifecycle } from '../lifecycle/index.ts';
import type { OutboxStore, OutboxWriter } from '../outbox/index.ts';
import type { Owners } from '../owners/index.ts';
import type { Privacy } from '../privacy/index.ts';
import type { RoutingStore } from '../routing/index.ts';
import type { KnowledgeForCommands } from './knowledge-services.ts';

/** What the command services are built from: the capability modules and the stores they read. */
export interface CommandServicesConfig {
  network: () => NetworkConfig;
  jobs: Pick<Jobs, 'transaction' | 'publish'>;
  lifecycle: Pick<Lifecycle, 'apply'>;
  owners: Pick<Owners, 'claim' | 'assign' | 'onDuty' | 'owner' | 'memberships'>;
  clocks: Pick<Clocks, 'clockView'>;
  conversations: ConversationLookups;
  routes: RoutingStore;
  /** Writes the deliveries a move causes, in its transaction (the app's writer wakes the worker after the commit). */
  outbox: OutboxWriter;
  /** Dead letters (`deliveries list|retry`). */
  deadLetters: Pick<OutboxStore, 'listDead' | 'reviveDead'>;
  /** Queues drains of revived dead deliveries (the delivery worker's `schedule`). */
  schedule: (streams: DeliveryStream[]) => Promise<void>;
  /** A person's own privacy choices and forgetting them (`privacy`): passed through to the command. */
  privacy: Pick<Privacy, 'choices' | 'setChoices' | 'forget'>;
  /** The knowledge base (`/heimo kb ...`). */
  knowledge: KnowledgeForCommands;
  /** Questions' transcripts: *Add to knowledge base* captures one. */
  transcripts: TranscriptReader;
  /** HEIMO_PUBLIC_URL: where article pages are linked from replies. */
  publicUrl?: string;
  now?: () => Date;
}

/** The community of the network file; NOT_FOUND when it is no longer configured. */
export function communityOf(config: Pick<CommandServicesConfig, 'network'>, communityId: string): CommunityConfig {
  const community = config.network().communities.find((candidate) => candidate.id === communityId);
  if (community === undefined) throw new HeimoError('NOT_FOUND', `community ${communityId} is not configured`);
  return community;
}

/** The team a person named, by id or name (any case); NOT_FOUND lists the teams there are. */
export function teamNamed(community: CommunityConfig, name: string): TeamConfig {
  const wanted = name.trim().toLowerCase();
  const team = community.teams.find((candidate) => candidate.id.toLowerCase() === wanted || candidate.name.toLowerCase() === wanted);
  if (team === undefined) {
    const known = community.teams.map((candidate) => candidate.name).join(', ');
    throw new HeimoError('NOT_FOUND', `no team "${name}"${known === '' ? '' : ` (teams: ${known})`}`);
  }
  return team;
}

/** The team whose destination is the channel; undefined when none is. */
export const teamAt = (community: CommunityConfig, channelId: string | undefined): TeamConfig | undefined =>
  channelId === undefined ? undefined : community.teams.find((team) => team.destination.channelId === channelId);
