import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { main } from '../../../bots/app/cli.ts';
import { withDatabase } from '../../../bots/app/maintenance.ts';
import { forgetPerson, parseForgetArgs } from '../../../bots/app/privacy-command.ts';
import { createLogger } from '../../../core/logger.ts';
import { CUSTOMER, relayOn } from '../../support/relay-fixture.ts';
import { createCliEnv, type CliEnv } from '../../support/cli-env.ts';

describe('heimo privacy forget', () => {
  let cli: CliEnv | undefined;
  let env: Env;

  beforeAll(async () => {
    cli = await createCliEnv('privacy');
    env = cli.env;
    // A customer's question, stored as the relay stores it.
    await withDatabase(env, createLogger({ level: 'warn' }), async (opened) => {
      const outcome = await relayOn(opened).ingest({
        type: 'question.asked', platform: 'discord', channelId: 'help', threadId: null, messageId: 'm-1',
        author: CUSTOMER, title: 'Refund for order 1234', text: 'Refund for order 1234 please', url: 'https://discord.test/m-1',
      });
      if (outcome.status !== 'accepted') throw new Error(`question not stored: ${JSON.stringify(outcome)}`);
    });
  }, 120_000);
  afterAll(() => cli?.dispose());

  it('should print rows changed per eraser and in all, without the person, when it forgets someone stored', async () => {
    const lines: string[] = [];
    expect(await forgetPerson(env, ['discord', CUSTOMER.platformUserId], (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^forgotten \(reference forgotten-[0-9a-f-]{36}\); rows changed:$/);
    const counts = Object.fromEntries(lines.slice(1).map((line) => line.trim().split(/\s+/) as [string, string]));
    expect(Object.keys(counts)).toEqual(['conversations', 'knowledge', 'lifecycle', 'owners', 'audit', 'outbox', 'jobs', 'identity', 'credits', 'recognition', 'satisfaction', 'privacy', 'total']);
    // The question's message, its title, the account and the person; the thread.open delivery that carried its title.
    expect(Number(counts['conversations'])).toBe(4);
    expect(Number(counts['outbox'])).toBe(1);
    expect(Number(counts['total'])).toBe(Object.entries(counts).filter(([name]) => name !== 'total').reduce((sum, [, rows]) => sum + Number(rows), 0));
    expect(lines.join('\n')).not.toContain(CUSTOMER.platformUserId);
    expect(lines.join('\n')).not.toContain(CUSTOMER.displayName);

    const again: string[] = [];
    await forgetPerson(env, ['discord', CUSTOMER.platformUserId], (line) => again.push(line));
    expect(again[0]).toMatch(/^nothing of this person was stored \(reference forgotten-/);
  }, 60_000);

  it('should refuse a platform it does not know, a missing user id and extra words with the usage', () => {
    expect(() => parseForgetArgs(['irc', 'u1'])).toThrow('heimo privacy forget: platform must be one of discord, slack, teams, got "irc" (usage: heimo privacy forget <discord|slack|teams> <user id>)');
    expect(() => parseForgetArgs(['slack'])).toThrow('heimo privacy forget needs a platform and a user id');
    expect(() => parseForgetArgs(['slack', 'U1', 'U2'])).toThrow('takes one platform and one user id, got 3 arguments');
    expect(parseForgetArgs(['Slack', ' U1 '])).toEqual({ platform: 'slack', userId: 'U1' });
  });

  it('should exit with 1 on a bad platform and with 64 on an unknown privacy command when run from the command line', async () => {
    expect(await main(['privacy', 'forget', 'irc', 'u1'], env)).toBe(1);
    expect(await main(['privacy', 'remember'], env)).toBe(64);
  });
});
