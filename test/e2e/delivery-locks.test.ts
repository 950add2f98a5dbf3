import { afterEach, describe, expect, it } from 'vitest';
import { createSlackSide } from '../contracts/slack-side.ts';
import { eventually, settle } from '../support/eventually.ts';
import { startNetwork, type Network, type NetworkOptions } from './network-harness.ts';

type SlackSide = Awaited<ReturnType<typeof createSlackSide>>;

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

async function setUp(delivery: NonNullable<NetworkOptions['delivery']>): Promise<{ net: Network; slack: SlackSide }> {
  const slack = await createSlackSide();
  net = await startNetwork(slack, { delivery });
  return { net, slack };
}

const delivered = (n: Network, kind: string) => n.logs.filter((line) => line.msg === 'delivered' && line['kind'] === kind);
const postsOf = (slack: SlackSide, text: string) => slack.fake.callsTo('chat.postMessage').filter((call) => String(call.params['text']).includes(text));

describe('delivery locks', () => {
  it('should post once and never hand the job to another run when a live delivery is slower than the lock', async () => {
    // A one-second lock, checked for expiry four times a second: the slow post outlasts it four times over.
    const { net: n, slack } = await setUp({ lockDurationMs: 1_000, stalledIntervalMs: 250, exclusive: false });
    const { threadId, cardId } = await n.ask('Reports time out');
    const lookupsBefore = slack.fake.callsTo('conversations.history').length + slack.fake.callsTo('conversations.replies').length;
    slack.fake.failNext('chat.postMessage', { slowMs: 4_000 });
    n.discord.userSends({ channelId: threadId, content: 'after exactly sixty seconds', author: n.discord.world.users.bob });
    await eventually(() => delivered(n, 'message.post').length === 1, 'the slow post recorded', 15_000);
    await settle(1_500);
    expect(postsOf(slack, 'after exactly sixty seconds')).toHaveLength(1);
    expect(slack.threadPosts(cardId).filter((post) => post.text.includes('sixty seconds'))).toHaveLength(1);
    // Taken twice, the second run would have looked for the first one's post before posting.
    expect(slack.fake.callsTo('conversations.history').length + slack.fake.callsTo('conversations.replies').length).toBe(lookupsBefore);
    expect(delivered(n, 'message.post')).toHaveLength(1);
  }, 60_000);

  it('should let a delivery in flight finish before stopping when it ends within the grace period', async () => {
    const { net: n, slack } = await setUp({ lockDurationMs: 30_000, shutdownGraceMs: 10_000, exclusive: false });
    const { threadId, cardId } = await n.ask('Search ignores accents');
    slack.fake.failNext('chat.postMessage', { slowMs: 2_000 });
    n.discord.userSends({ channelId: threadId, content: 'café finds nothing', author: n.discord.world.users.bob });
    await eventually(() => postsOf(slack, 'café finds nothing').length === 1, 'the slow post under way');
    const stopping = Date.now();
    await n.restart();
    const stopMs = Date.now() - stopping;
    expect(delivered(n, 'message.post')).toHaveLength(1); // recorded by the process that stopped
    await settle(1_500);
    expect(stopMs).toBeLessThan(10_000);
    expect(slack.threadPosts(cardId).filter((post) => post.text.includes('café'))).toHaveLength(1);
    expect(delivered(n, 'message.post')).toHaveLength(1);
  }, 60_000);

  it('should hand a delivery over at once when it is still running at the end of the grace period', async () => {
    // A 30 s lock: the next process could only wait for it, unless the stopping one releases it.
    const { net: n, slack } = await setUp({ lockDurationMs: 30_000, shutdownGraceMs: 1_000, exclusive: false });
    const { threadId, cardId } = await n.ask('Exports are empty');
    slack.fake.failNext('chat.postMessage', { hang: true }); // Slack takes the post, its answer never comes
    n.discord.userSends({ channelId: threadId, content: 'zero rows since the upgrade', author: n.discord.world.users.bob });
    await eventually(() => postsOf(slack, 'zero rows').length === 1, 'the hanging post under way');
    const stopping = Date.now();
    await n.restart();
    const restartedInMs = Date.now() - stopping;
    expect(n.logs.some((line) => line.msg === 'deliveries still running at shutdown; handing them over')).toBe(true);
    const ready = Date.now();
    await eventually(() => delivered(n, 'message.post').length === 1, 'the handed-over delivery recorded by the new process', 10_000);
    const resumedInMs = Date.now() - ready;
    await settle(1_000);
    expect(restartedInMs).toBeLessThan(8_000);
    expect(resumedInMs).toBeLessThan(5_000);
    // The new process looked before posting again and found the post Slack had taken.
    expect(slack.threadPosts(cardId).filter((post) => post.text.includes('zero rows'))).toHaveLength(1);
    expect(postsOf(slack, 'zero rows')).toHaveLength(1);
  }, 60_000);
});
