import type { FakeDiscord } from '../fakes/discord/index.ts';
import type { FakeSlack, FakeSlackMessage } from '../fakes/slack/fake-slack.ts';
import type { Direction, Ledger } from './ledger.ts';

/** Where the soak's conversations live. */
export interface TrafficConfig {
  discord: FakeDiscord;
  slack: FakeSlack;
  ledger: Ledger;
  slackChannel: string;
  employee: string;
  /** Upper bound of conversations open at once. */
  conversations: number;
  /** Whether any Heimo process is running now (messages written otherwise are marked). */
  heimoUp: () => boolean;
  random: () => number;
}

interface Conversation {
  index: number;
  questionId: string;
  cardTs: string | undefined;
  next: Record<Direction, number>;
}

const WORDS = ['install', 'token', 'webhook', 'timeout', 'deploy', 'login', 'billing', 'export', 'region', 'cache', 'retry', 'plugin'];

/** Two-way traffic: customers ask and follow up in Discord, employees answer in the cards' Slack threads. */
export function createTraffic(config: TrafficConfig) {
  const { discord, slack, ledger } = config;
  const conversations: Conversation[] = [];
  const customers = [discord.world.users.bob, discord.world.users.carol];
  const phrase = (): string => Array.from({ length: 3 + Math.floor(config.random() * 8) }, () => WORDS[Math.floor(config.random() * WORDS.length)]).join(' ');
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(config.random() * items.length)];
  const isCard = (message: FakeSlackMessage): boolean => message.channel === config.slackChannel && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card';

  const cardOf = (conversation: Conversation): string | undefined => {
    if (conversation.cardTs !== undefined) return conversation.cardTs;
    const marker = `SOAKc${conversation.index}D0X`;
    const card = slack.messages.find((message) => isCard(message) && `${message.text} ${JSON.stringify(message.blocks ?? [])}`.includes(marker));
    conversation.cardTs = card?.ts;
    return conversation.cardTs;
  };
  const record = (conversation: Conversation, direction: Direction): string => {
    const seq = conversation.next[direction];
    conversation.next[direction] = seq + 1;
    return ledger.record({ conversation: conversation.index, direction, seq, sentAt: Date.now(), whileDown: !config.heimoUp() });
  };

  const ask = (): void => {
    const conversation: Conversation = { index: conversations.length, questionId: '', cardTs: undefined, next: { toSlack: 0, toDiscord: 0 } };
    const marker = record(conversation, 'toSlack');
    const author = pick(customers) ?? discord.world.users.bob;
    conversation.questionId = discord.userSends({ channelId: discord.world.ids.help, content: `How do I fix the ${phrase()}? ${marker}`, author }).id;
    conversations.push(conversation);
  };
  const followUp = (conversation: Conversation): void => {
    const marker = record(conversation, 'toSlack');
    discord.userSends({ channelId: conversation.questionId, content: `Also ${phrase()} ${marker}`, author: discord.world.users.bob });
  };
  const answer = (conversation: Conversation, cardTs: string): void => {
    const marker = record(conversation, 'toDiscord');
    void slack.userPosts({ channel: config.slackChannel, user: config.employee, threadTs: cardTs, text: `Try the ${phrase()} setting ${marker}` });
  };

  return {
    conversations,
    /** Sends one message: a new question while there is room, else a follow-up or an answer where a thread exists. */
    step(): void {
      const open = conversations.length < config.conversations;
      if (open && (conversations.length === 0 || config.random() < 0.15)) return ask();
      const threaded = conversations.filter((conversation) => discord.world.channels.has(conversation.questionId));
      const carded = conversations.filter((conversation) => cardOf(conversation) !== undefined);
      const wantAnswer = config.random() < 0.5;
      const target = pick(wantAnswer && carded.length > 0 ? carded : threaded);
      if (target === undefined) return open ? ask() : undefined;
      const cardTs = cardOf(target);
      if (wantAnswer && cardTs !== undefined) answer(target, cardTs);
      else if (discord.world.channels.has(target.questionId)) followUp(target);
    },
    /** What each side ended up with: per conversation, the texts Heimo posted, in the order the platform shows them. */
    posts(botUserId: string): Record<Direction, Map<number, string[]>> {
      const toSlack = new Map<number, string[]>();
      const toDiscord = new Map<number, string[]>();
      const add = (map: Map<number, string[]>, text: string): void => {
        const found = /SOAKc(\d+)[DS]\d+X/.exec(text);
        if (found === null) return;
        const key = Number(found[1]);
        map.set(key, [...(map.get(key) ?? []), text]);
      };
      const bySlackTs = (a: FakeSlackMessage, b: FakeSlackMessage): number => Number(a.ts) - Number(b.ts);
      for (const message of slack.messages.filter((item) => item.user === botUserId || item.botId !== undefined).sort(bySlackTs)) {
        add(toSlack, isCard(message) ? `${message.text} ${JSON.stringify(message.blocks ?? [])}`.replace(/(SOAKc\d+D\d+X)[\s\S]*\1/g, '$1') : message.text);
      }
      for (const conversation of conversations) {
        if (!discord.world.channels.has(conversation.questionId)) continue;
        const relayed = discord.messagesIn(conversation.questionId).filter((message) => message.webhook_id !== undefined || message.author.bot === true);
        relayed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        for (const message of relayed) add(toDiscord, message.content);
      }
      return { toSlack, toDiscord };
    },
  };
}

/** The soak's traffic generator. */
export type Traffic = ReturnType<typeof createTraffic>;
