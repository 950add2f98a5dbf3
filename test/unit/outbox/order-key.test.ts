import { describe, expect, it } from 'vitest';
import { orderKey } from '../../../core/outbox/order-key.ts';

const STORED_MS = Date.UTC(2026, 11, 3, 8, 0, 0);

describe('orderKey', () => {
  it('should read a Slack ts as its microseconds when the source is a Slack message', () => {
    expect(orderKey({ platform: 'slack', externalId: '1764748800.000123' }, STORED_MS)).toBe(1_764_748_800_000_123);
  });

  it('should order two Slack replies by their ts when they were stored in the other order', () => {
    const first = orderKey({ platform: 'slack', externalId: '1764748800.999999' }, STORED_MS + 5);
    const second = orderKey({ platform: 'slack', externalId: '1764748801.000001' }, STORED_MS);
    expect(first).toBeLessThan(second);
  });

  it('should read the time of a Discord snowflake when the source is a Discord message', () => {
    // 175928847299117063 is Discord's documented example: 2016-04-30T11:18:25.796Z.
    expect(orderKey({ platform: 'discord', externalId: '175928847299117063' }, STORED_MS)).toBe(Date.parse('2016-04-30T11:18:25.796Z') * 1000);
  });

  it('should use the written time when the source is a Teams message that says it', () => {
    const writtenAt = new Date(STORED_MS - 60_000);
    expect(orderKey({ platform: 'teams', externalId: '1:abc', writtenAt }, STORED_MS)).toBe(writtenAt.getTime() * 1000);
  });

  it('should use the time of storing when the source is a Teams message without a written time', () => {
    expect(orderKey({ platform: 'teams', externalId: '1:abc' }, STORED_MS)).toBe(STORED_MS * 1000);
  });

  it('should use the time of storing when there is no source message', () => {
    expect(orderKey(null, STORED_MS)).toBe(STORED_MS * 1000);
  });

  it('should fall back to the time of storing when the id is not the platform id form', () => {
    expect(orderKey({ platform: 'slack', externalId: 'a1' }, STORED_MS)).toBe(STORED_MS * 1000);
    expect(orderKey({ platform: 'discord', externalId: '3000' }, STORED_MS)).toBe(STORED_MS * 1000);
  });
});
