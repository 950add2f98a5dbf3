import { defineCommunity, type NetworkConfig, type TeamConfig } from '../../../core/domain/network.ts';
import type { Destination } from '../../../core/domain/types.ts';
import { createCommandBackend, type CommandBackend } from '../../contracts/command-backend.ts';
import { TEST_PERMISSIONS } from '../../support/command-fixtures.ts';
import type { TestDatabase } from '../../support/database.ts';

/** Support answers in Slack channel S-support, Billing in S-billing; both count business time around the clock. */
export const SUPPORT: TeamConfig = { id: 'support', name: 'Support', destination: { platform: 'slack', channelId: 'S-support' }, capacity: 5 };
export const BILLING: TeamConfig = { id: 'billing', name: 'Billing', destination: { platform: 'slack', channelId: 'S-billing' }, capacity: 5 };

/** Two communities: acme (guild g1) with both teams, and other (guild g2) whose Slack channel is S-other. */
export const NETWORK: NetworkConfig = {
  communities: [
    defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [{ discordChannelId: 'help', destination: SUPPORT.destination }], teams: [SUPPORT, BILLING], permissions: TEST_PERMISSIONS }),
    defineCommunity({ id: 'other', name: 'Other', discordGuildId: 'g2', routes: [{ discordChannelId: 'other-help', destination: { platform: 'slack', channelId: 'S-other' } }], permissions: TEST_PERMISSIONS }),
  ],
  internalMarkers: ['//'],
};

/** NETWORK as a platform's fake needs it: acme in the fake's guild, Support answering (and acme's route going) where the fake has its channel. */
export function networkOn(place: { guildId?: string; support?: Destination }): { network: NetworkConfig; team: TeamConfig } {
  const team: TeamConfig = { ...SUPPORT, destination: place.support ?? SUPPORT.destination };
  const communities = NETWORK.communities.map((community) => community.id !== 'acme' ? community : {
    ...community,
    discordGuildId: place.guildId ?? community.discordGuildId,
    teams: community.teams.map((candidate) => (candidate.id === SUPPORT.id ? team : candidate)),
    routes: community.routes.map((route) => ({ ...route, destination: team.destination })),
  });
  return { network: { ...NETWORK, communities }, team };
}

/** A question as seeded: its ids on Discord and on the Slack card, and the employee answer in it. */
export interface Seeded {
  conversationId: string;
  discordThreadId: string;
  cardTs: string;
  /** Heimo's id of the employee's answer, and the id of Heimo's copy of it in the Discord thread. */
  answerId: string;
  answerCopyId: string;
  /** The answer's Slack ts (its id where it was written). */
  answerExternalId: string;
}

/** The real modules on a test database, with the services and the command port over them. */
export interface ServicesFixture extends Omit<CommandBackend, 'seed'> {
  seed(options?: { communityId?: string; askedAt?: Date; team?: TeamConfig | null; answered?: boolean; title?: string }): Promise<Seeded>;
  rows<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

let counter = 0;

/** The command backend on `db` with this file's network, and a seed of Slack-routed questions. */
export function servicesFixture(db: TestDatabase): ServicesFixture {
  const backend = createCommandBackend(db, NETWORK);
  const rows = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => (await db.pool.query<R>(sql, params)).rows;

  const seed: ServicesFixture['seed'] = async (options = {}) => {
    const n = ++counter;
    const communityId = options.communityId ?? 'acme';
    const team = options.team === undefined ? SUPPORT : options.team;
    const destination = team?.destination ?? { platform: 'slack' as const, channelId: 'S-other' };
    const cardTs = `1700000000.${String(n).padStart(6, '0')}`;
    const answered = options.answered ?? true;
    const { conversationId, answerId } = await backend.seed({
      communityId, title: options.title ?? `Question ${n}`, destination, teamId: team?.id ?? null,
      customer: { channelId: `t${n}`, threadId: `t${n}`, messageId: `q${n}`, askerId: 'asker', url: `https://discord.com/channels/g1/t${n}` },
      card: { channelId: destination.channelId, threadId: cardTs, cardMessageId: cardTs },
      // Heimo's copy of the answer in the Discord thread: what a customer marks as the solution there.
      ...(answered ? { answer: { channelId: destination.channelId, externalId: `a${n}`, authorId: 'U-erin', copies: [{ platform: 'discord' as const, channelId: `t${n}`, externalId: `copy-a${n}` }] } } : {}),
    });
    if (options.askedAt) await db.pool.query(`UPDATE "Conversation" SET "createdAt" = $2::timestamp WHERE "id" = $1::text`, [conversationId, options.askedAt.toISOString()]);
    return { conversationId, discordThreadId: `t${n}`, cardTs, answerId, answerCopyId: `copy-a${n}`, answerExternalId: `a${n}` };
  };

  return { ...backend, seed, rows };
}
