import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../config/load-network.ts';
import { DEFAULT_SATISFACTION } from '../../core/domain/network.ts';

// The network file's `satisfaction` section: defaults, values read, and errors that name the field at fault.
const withCommunity = (extra: Record<string, unknown>) => ({ communities: [{ id: 'acme', discordGuildId: 'g1', routes: [], ...extra }] });
const one = (extra: Record<string, unknown>) => parseNetwork(withCommunity(extra)).communities[0]!;
const DAY_MS = 86_400_000;

describe('network file satisfaction', () => {
  it('should give surveys off, every question sampled, a 30 day cooldown and a 10 minute delay when the section is absent', () => {
    expect(one({}).satisfaction).toEqual(DEFAULT_SATISFACTION);
    expect(DEFAULT_SATISFACTION).toEqual({ enabled: false, sampleRate: 1, cooldownMs: 30 * DAY_MS, delayMs: 10 * 60_000 });
  });

  it('should read enabled, sample, cooldown and delay when they are given', () => {
    expect(one({ satisfaction: { enabled: true, sample: 0.25, cooldown: '14d', delay: '1h' } }).satisfaction).toEqual({ enabled: true, sampleRate: 0.25, cooldownMs: 14 * DAY_MS, delayMs: 3_600_000 });
  });

  it('should keep the other defaults when only enabled is given', () => {
    expect(one({ satisfaction: { enabled: true } }).satisfaction).toEqual({ ...DEFAULT_SATISFACTION, enabled: true });
  });

  it('should name satisfaction.sample when the sample is outside 0 to 1 or not a number', () => {
    expect(() => one({ satisfaction: { sample: 1.5 } })).toThrow(/communities\[0\]\.satisfaction\.sample must be from 0 to 1/);
    expect(() => one({ satisfaction: { sample: -0.1 } })).toThrow(/communities\[0\]\.satisfaction\.sample must be from 0 to 1/);
    expect(() => one({ satisfaction: { sample: 'half' } })).toThrow(/communities\[0\]\.satisfaction\.sample must be a number from 0 to 1/);
  });

  it('should name satisfaction.cooldown and satisfaction.delay when they are not durations or too short', () => {
    expect(() => one({ satisfaction: { cooldown: 'abc' } })).toThrow(/communities\[0\]\.satisfaction\.cooldown must be a duration like 7d.*got "abc"/);
    expect(() => one({ satisfaction: { cooldown: '10m' } })).toThrow(/satisfaction\.cooldown must be a duration .*\(at least 3600 s\)/);
    expect(() => one({ satisfaction: { delay: '5s' } })).toThrow(/communities\[0\]\.satisfaction\.delay must be a duration .*\(at least 60 s\)/);
  });

  it('should name satisfaction.enabled when it is not a boolean', () => {
    expect(() => one({ satisfaction: { enabled: 'yes' } })).toThrow(/communities\[0\]\.satisfaction\.enabled must be true or false/);
  });

  it('should read the section of the example file, which switches surveys on', () => {
    const example = JSON.parse(readFileSync(new URL('../../config/network.example.json', import.meta.url), 'utf8')) as unknown;
    expect(parseNetwork(example).communities[0]!.satisfaction).toEqual({ enabled: true, sampleRate: 0.5, cooldownMs: 30 * DAY_MS, delayMs: 10 * 60_000 });
  });
});
