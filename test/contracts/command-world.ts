import type { NetworkConfig, TeamConfig } from '../../core/domain/network.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import type { TestDatabase } from '../support/database.ts';
import { createCommandBackend } from './command-backend.ts';
import type { CommandContractWorld } from './command-contract.ts';
import type { CommandPersona, CommandSide, QuestionPlace } from './command-side.ts';

/** What a driver offers beside its CommandSide so the world can store questions where it acts. */
export interface PlaceMaker {
  /** Makes a question's place on the platform (Discord: a forum post; Slack/Teams: a card in the team's channel) and names its asker there. */
  place(title: string): Promise<{ place: Omit<QuestionPlace, 'conversationId'>; askerId?: string }>;
  /** Writes an answer in that place (as staff would, or as Heimo's copy of one on Discord); its id on the platform. */
  answer(place: Omit<QuestionPlace, 'conversationId'>): Promise<string>;
  /** The platform user id of a persona. */
  userIdOf(persona: CommandPersona): string;
  /** Once the question is stored: the place learns its conversation (a Slack/Teams card updated to carry it, as Heimo's card updates do). */
  stored?(question: QuestionPlace): Promise<void>;
}

/** How to build a world on a seeded database: the network (with `team` and `otherTeam` in `communityId`) and the driver. */
export interface SeededWorldConfig {
  db: TestDatabase;
  /** Read on every command (a function may name the fake's guild once the side runs). */
  network: NetworkConfig | (() => NetworkConfig);
  communityId: string;
  /** The team questions are routed to (its destination is where cards live). */
  team: TeamConfig;
  otherTeam: string;
  createSide(commands: CommandPort): Promise<CommandSide & PlaceMaker>;
}

let seeded = 0;

/**
 * A contract world without the relay: the driver's bot runs on the real command port, and each
 * question is stored as the relay would have stored it at the place the driver made. On Discord
 * the place is the customer's thread and the answer Heimo's copy of an employee's message; on
 * Slack and Teams the place is the card and the answer written in its thread.
 */
export async function createSeededWorld(config: SeededWorldConfig): Promise<CommandContractWorld> {
  const backend = createCommandBackend(config.db, config.network);
  const side = await config.createSide(backend.port);
  const { team } = config;
  return {
    side,
    db: config.db,
    knowledge: backend.knowledge,
    otherTeam: config.otherTeam,
    userIdOf: (persona) => side.userIdOf(persona),
    async ask(title) {
      const n = ++seeded;
      const { place, askerId } = await side.place(title);
      const answerMessageId = await side.answer(place);
      const onDiscord = side.platform === 'discord';
      const { conversationId } = await backend.seed({
        communityId: config.communityId, title, destination: team.destination, teamId: team.id,
        customer: onDiscord
          ? { channelId: place.channelId, threadId: place.threadId, messageId: place.cardMessageId, askerId: askerId ?? 'asker' }
          : { channelId: `seeded-thread-${n}`, threadId: `seeded-thread-${n}`, messageId: `seeded-question-${n}`, askerId: askerId ?? 'asker' },
        ...(onDiscord ? {} : { card: place }),
        answer: onDiscord
          ? { channelId: team.destination.channelId, externalId: `seeded-answer-${n}`, authorId: side.userIdOf('staff'), copies: [{ platform: 'discord', channelId: place.threadId, externalId: answerMessageId }] }
          : { channelId: place.channelId, externalId: answerMessageId, authorId: side.userIdOf('staff') },
      });
      const question = { ...place, conversationId };
      await side.stored?.(question);
      return { question, answerMessageId };
    },
    async close() {
      await side.close();
      await config.db.dispose();
    },
  };
}
