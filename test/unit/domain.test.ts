import { describe, expect, it } from 'vitest';
import { defineCommunity,  findRoute, isInternalNote, watchedDiscordChannels, type NetworkConfig  } from '../../core/domain/network.ts';
import { createLogger, redact } from '../../core/logger.ts';
import { retryDelayMs } from '../../core/outbox/retry-policy.ts';

const network: NetworkConfig = {
  internalMarkers: ['//', 'note:'],
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g', routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C1' } }] })],
};

describe('routing and internal notes', () => {
  it('should find the community and destination when a watched channel asks', () => {
    expect(findRoute(network, 'help')).toMatchObject({ community: { id: 'acme' }, destination: { channelId: 'C1' } });
    expect(findRoute(network, 'other')).toBeUndefined();
    expect(watchedDiscordChannels(network)).toEqual(['help']);
  });

  it('should mark a reply internal when it starts with a marker in any case', () => {
    expect(isInternalNote('  // check logs first', network.internalMarkers)).toBe(true);
    expect(isInternalNote('NOTE: escalate', network.internalMarkers)).toBe(true);
    expect(isInternalNote('see https://x//y, note: fine', network.internalMarkers)).toBe(false);
  });
});

describe('retry policy', () => {
  it('should grow exponentially and cap at a minute when attempts pile up', () => {
    const fixed = () => 0.5;
    expect(retryDelayMs(1, fixed)).toBe(500);
    expect(retryDelayMs(3, fixed)).toBe(2000);
    expect(retryDelayMs(30, fixed)).toBe(60_000);
  });
});

describe('logger', () => {
  it('should redact secrets when they appear as fields or inside text', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    logger.error('call failed with xoxb-123-456-abc', { token: 'xoxb-secret', nested: { authorization: 'Bearer abc.def' }, error: new Error('Bearer eyJhbGciOi') });
    const text = lines.join('\n');
    expect(text).not.toMatch(/xoxb-|abc\.def|eyJhbGciOi/);
    expect(text).toContain('[redacted]');
  });

  it('should drop lines below the level when a threshold is set', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) }).child({ component: 'x' });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'loud', component: 'x' });
  });

  it('should keep error codes when an error is logged', () => {
    expect(redact(Object.assign(new Error('boom'), { code: 'RATE_LIMITED' }))).toEqual({ name: 'Error', message: 'boom', code: 'RATE_LIMITED' });
  });
});
