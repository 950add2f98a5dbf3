import { describe, expect, it } from 'vitest';
import { createInboundChains } from '../../../bots/discord/inbound-chains.ts';
import type { InboundEvent, IngestOutcome } from '../../../core/domain/events.ts';
import { HeimoError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { eventually } from '../../support/eventually.ts';

const posted = (messageId: string, channelId = 'c1'): InboundEvent => ({
  type: 'message.posted',
  platform: 'discord',
  channelId,
  threadId: channelId,
  messageId,
  author: { platformUserId: 'u', displayName: 'U', isBot: false },
  text: messageId,
});

describe('discord inbound chains', () => {
  it('should hold events while the core fails, refuse those over the bound, and store the held ones in order when it recovers', async () => {
    let down = true;
    const stored: string[] = [];
    const handler = async (event: InboundEvent): Promise<IngestOutcome> => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      stored.push(event.messageId);
      return { status: 'accepted', conversationId: 'c' };
    };
    const chains = createInboundChains({ logger: createLogger({ level: 'silent' }), handler: () => handler, maxHeld: 3, firstDelayMs: 10, maxDelayMs: 20 });

    const accepted = ['a', 'b', 'c', 'd'].map((id) => chains.run('c1', { messageId: id }, async () => posted(id)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stored).toEqual([]);
    down = false;
    await eventually(() => stored.length === 3, 'held events stored');

    expect(accepted).toEqual([true, true, true, false]);
    expect(stored).toEqual(['a', 'b', 'c']);
    expect(chains.counts()).toEqual({ queued: 0, refused: 1 });
  });

  it('should drop an event and go on with the channel when the core refuses it as bad input', async () => {
    const stored: string[] = [];
    const handler = async (event: InboundEvent): Promise<IngestOutcome> => {
      if (event.messageId === 'bad') throw new HeimoError('BAD_INPUT', 'nope');
      stored.push(event.messageId);
      return { status: 'accepted', conversationId: 'c' };
    };
    const chains = createInboundChains({ logger: createLogger({ level: 'silent' }), handler: () => handler, firstDelayMs: 10 });
    for (const id of ['bad', 'good']) chains.run('c1', { messageId: id }, async () => posted(id));

    await eventually(() => stored.length === 1, 'good stored');
    expect(stored).toEqual(['good']);
  });

  it('should skip an event and go on with the channel when reading the dispatch throws a TypeError', async () => {
    const stored: string[] = [];
    const handler = async (event: InboundEvent): Promise<IngestOutcome> => {
      stored.push(event.messageId);
      return { status: 'accepted', conversationId: 'c' };
    };
    const chains = createInboundChains({ logger: createLogger({ level: 'silent' }), handler: () => handler, firstDelayMs: 10_000 });
    chains.run('c1', { messageId: 'unreadable' }, async () => {
      throw new TypeError("Cannot read properties of null (reading 'replace')");
    });
    chains.run('c1', { messageId: 'good' }, async () => posted('good'));

    await eventually(() => stored.length === 1, 'the next event stored without waiting behind the unreadable one');
    expect(stored).toEqual(['good']);
    expect(chains.counts().queued).toBe(0);
  });

  it('should stop trying and release the chain when the bot stops', async () => {
    const handler = async (): Promise<IngestOutcome> => {
      throw new Error('still down');
    };
    const chains = createInboundChains({ logger: createLogger({ level: 'silent' }), handler: () => handler, firstDelayMs: 10_000 });
    chains.run('c1', {}, async () => posted('x'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    chains.stop();

    await eventually(() => chains.counts().queued === 0, 'chain released');
  });
});
