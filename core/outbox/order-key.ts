import type { Platform } from '../domain/types.ts';

// Discord's epoch (2015-01-01): a snowflake's top 42 bits are milliseconds since it.
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const SLACK_TS = /^(\d{9,11})\.(\d{1,6})$/;
const SNOWFLAKE = /^\d{15,20}$/;

/** A source message as the order key reads it: the platform's own id, and when it was written if known. */
export interface OrderSource {
  platform: Platform;
  externalId: string;
  writtenAt?: Date;
}

/**
 * The order key of an outbox entry, in microseconds since the epoch: when its source message was
 * written, by the platform's own clock (Slack's `ts`, a Discord snowflake's time), so that replies
 * stored by different processes in swapped commit order are still delivered in the order people
 * wrote them. Teams ids carry no time: the written time when known, else `storedAtMs`. Entries
 * without a source message (`null`) take `storedAtMs`, the time of storing.
 */
export function orderKey(source: OrderSource | null, storedAtMs: number): number {
  const fallback = (source?.writtenAt?.getTime() ?? storedAtMs) * 1000;
  if (source === null) return fallback;
  if (source.platform === 'slack') {
    const match = SLACK_TS.exec(source.externalId);
    if (match) return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
  }
  if (source.platform === 'discord' && SNOWFLAKE.test(source.externalId)) {
    return Number((BigInt(source.externalId) >> 22n) + DISCORD_EPOCH_MS) * 1000;
  }
  return fallback;
}
