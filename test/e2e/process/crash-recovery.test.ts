import { describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { spawnHeimo, type HeimoProcess, type LogLine } from './heimo-process.ts';
import { useProcessFixture } from './process-fixture.ts';
import type { ProcessNetwork } from './process-network.ts';

const fixture = useProcessFixture();

/** A fresh store and stand-ins, and a way to start Heimo on them again and again. */
async function setUp(): Promise<{ network: ProcessNetwork; start: () => Promise<HeimoProcess> }> {
  const { store, network } = await fixture.open();
  // The default lock settings: what a crash costs in production is what these tests measure.
  const env: Env = { ...store.env, ...network.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' };
  const started = network;
  return {
    network: started,
    start: async () => {
      const heimo = spawnHeimo(['start'], env);
      await heimo.listening();
      started.attach(heimo);
      return heimo;
    },
  };
}

const killed = async (heimo: HeimoProcess): Promise<void> => {
  heimo.signal('SIGKILL');
  expect(await heimo.exited).toMatchObject({ signal: 'SIGKILL' });
};

// From the restarted process' "listening" (it answers /healthz ready from then on) to a log line, in ms.
const sinceListening = (heimo: HeimoProcess, line: LogLine): number => {
  const listening = heimo.logs.find((candidate) => candidate.msg === 'heimo is listening');
  return Date.parse(String(line['time'])) - Date.parse(String(listening?.['time']));
};

const postCallsWith = (net: ProcessNetwork, text: string) => net.slack.callsTo('chat.postMessage').filter((call) => String(call.params['text']).includes(text));

describe('heimo after a crash', () => {
  it('should deliver once after a restart when the process is killed between accepting a message and delivering it', async () => {
    const { network: net, start } = await setUp();
    const first = await start();
    const { threadId, cardTs } = await net.ask('My export never finishes');

    // Slack is down: the follow-up is stored (outbox) and tried, but cannot be delivered.
    for (let failure = 0; failure < 5; failure += 1) net.slack.failNext('chat.postMessage', { status: 500 });
    net.followUp(threadId, 'it stops at 99 percent');
    await eventually(() => postCallsWith(net, 'it stops at 99 percent').some((call) => call.status === 500), 'a failed delivery attempt', 20_000);
    await killed(first);
    expect(net.postsContaining(cardTs, 'it stops at 99 percent')).toHaveLength(0);

    net.slack.clearFailures('chat.postMessage');
    const second = await start();
    // The new process picks the entry up (its queued retry, or the sweep at start) and delivers it.
    await second.waitForLog((line) => line.msg === 'delivered' && line['kind'] === 'message.post', 'the follow-up delivered by the new process', 30_000);
    await settle(1_000);
    expect(net.postsContaining(cardTs, 'it stops at 99 percent')).toHaveLength(1);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('should deliver once after a restart when the process is killed after Slack accepted the post but before Heimo recorded it', async () => {
    const { network: net, start } = await setUp();
    const first = await start();
    const { threadId, cardTs } = await net.ask('Webhooks arrive twice');

    // Slack stores the post, but its answer never reaches Heimo; then Heimo dies.
    net.slack.failNext('chat.postMessage', { hang: true });
    net.followUp(threadId, 'since yesterday noon');
    await eventually(() => net.postsContaining(cardTs, 'since yesterday noon').length === 1, 'the post stored by Slack', 20_000);
    await settle(200);
    expect(first.logs.some((line) => line.msg === 'delivered' && line['kind'] === 'message.post')).toBe(false);
    await killed(first);

    const lookupsBefore = net.slack.callsTo('conversations.replies').length;
    const second = await start();
    // The new process retries the entry: it looks for its tag in the thread and finds the post.
    const resumed = await second.waitForLog((line) => line.msg === 'delivered' && line['kind'] === 'message.post', 'the retried delivery recorded', 30_000);
    // The dead process' job lock does not hold the delivery up: resumed within 5 s of being ready.
    expect(sinceListening(second, resumed)).toBeLessThan(5_000);
    expect(net.slack.callsTo('conversations.replies').length).toBeGreaterThan(lookupsBefore);
    await settle(1_000);
    expect(net.postsContaining(cardTs, 'since yesterday noon')).toHaveLength(1);
    expect(postCallsWith(net, 'since yesterday noon')).toHaveLength(1);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);
});
