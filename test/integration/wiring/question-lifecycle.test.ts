import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import { FIRST_RESPONSE_MS, startWiringWorld, WINDOW_MS, type WiringWorld } from './wiring-world.ts';

// The issue 9 capabilities wired as the app wires them (createCapabilities), on the real database,
// queue and job system: the window timer, round robin, the SLA clocks and the lifecycle fire for real.
describe('questions through routing, the window, owners, clocks and the lifecycle', () => {
  let world: WiringWorld;
  let asked = 0;
  beforeAll(async () => {
    world = await startWiringWorld();
  }, 120_000);
  afterAll(() => world?.stop(), 60_000);

  const row = async <R>(sql: string, id: string): Promise<R | undefined> => (await world.db.pool.query<R>(sql, [id])).rows[0];
  const rows = async <R>(sql: string, id: string): Promise<R[]> => (await world.db.pool.query<R>(sql, [id])).rows;
  const statusOf = async (id: string): Promise<string | undefined> => (await row<{ status: string }>(`SELECT "status" FROM "Conversation" WHERE "id" = $1::text`, id))?.status;
  const outbox = (id: string) => rows<{ platform: string; kind: string; payload: Record<string, string> }>(`SELECT "platform", "kind", "payload" FROM "OutboxEntry" WHERE "conversationId" = $1::text ORDER BY "seq"`, id);
  const changes = (id: string) => rows<{ from: string; to: string; action: string; actorKind: string; actorUserId: string | null; at: unknown }>(`SELECT "from", "to", "action", "actorKind", "actorUserId", "at" FROM "StatusChange" WHERE "conversationId" = $1::text ORDER BY "at", "id"`, id);

  // A gold customer's billing question in the Discord forum (its post is its thread).
  const askBilling = async (): Promise<{ id: string; thread: string }> => {
    asked += 1;
    const thread = `thread-${asked}`;
    const outcome = await world.ingest({
      type: 'question.asked', platform: 'discord', channelId: 'help', threadId: thread, messageId: thread,
      author: { platformUserId: `asker-${asked}`, displayName: 'Asker', isBot: false },
      title: `Wrong invoice ${asked}`, text: 'My invoice shows the wrong amount this month.', url: `https://discord.test/${thread}`, tags: [], authorRoleIds: ['gold-role'],
    });
    if (outcome.status !== 'accepted') throw new Error(`question not accepted: ${JSON.stringify(outcome)}`);
    return { id: outcome.conversationId, thread };
  };

  // Waits until the window ended, the card is posted and linked (replies in its Slack thread then reach the question) and round robin claimed it.
  const openedQuestion = async (): Promise<{ id: string; thread: string }> => {
    const question = await askBilling();
    await eventually(async () => (await row(`SELECT 1 FROM "ThreadLink" WHERE "conversationId" = $1::text AND "platform" = 'slack'`, question.id)) !== undefined, 'the card after the window', 30_000);
    await eventually(async () => (await statusOf(question.id)) === 'claimed', 'round robin to claim it', 30_000);
    return question;
  };

  it('should keep a question new without a card inside its window, then open it with a card, an owner and SLA clocks when the window ends', async () => {
    const { id, thread } = await askBilling();
    // Inside the window (status and deliveries read in one statement, one snapshot): no card, only the ambassadors' ping.
    const inside = await row<{ status: string; kinds: string }>(
      `SELECT c."status", (SELECT string_agg(o."platform" || ' ' || o."kind", ',' ORDER BY o."seq") FROM "OutboxEntry" o WHERE o."conversationId" = c."id") AS "kinds" FROM "Conversation" c WHERE c."id" = $1::text`, id);
    expect(inside).toEqual({ status: 'new', kinds: 'discord prompt.post' });
    expect(await row(`SELECT "teamId", "rule", "tierId" FROM "QuestionRoute" WHERE "conversationId" = $1::text`, id)).toEqual({ teamId: 'support', rule: 'billing', tierId: 'gold' });

    const [opened] = await eventually(async () => {
      const rows = await changes(id);
      return rows.length > 0 ? rows : undefined;
    }, 'the window to open the question', 30_000);
    expect(opened).toMatchObject({ from: 'new', to: 'open', action: 'window.closed', actorKind: 'heimo' });
    // Both read the same way (a Date from pg, text from PGlite): their difference is the time the question waited.
    const { createdAt } = (await row<{ createdAt: unknown }>(`SELECT "createdAt" FROM "Conversation" WHERE "id" = $1::text`, id))!;
    const ms = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime());
    expect(ms(opened?.at) - ms(createdAt)).toBeGreaterThanOrEqual(WINDOW_MS - 5);

    // Round robin gave it to the one person on duty, and the gold tier's clocks run from the opening.
    await eventually(async () => (await world.capabilities.owners.owner(id))?.displayName === 'Aino', 'round robin');
    // The assignment claimed it for her, in the same transaction.
    expect(await statusOf(id)).toBe('claimed');
    expect((await changes(id))[1]).toMatchObject({ from: 'open', to: 'claimed', action: 'claim', actorKind: 'heimo' });
    const clocks = await eventually(async () => {
      const view = await world.capabilities.clocks.clockView(id);
      return view.length === 2 ? view : undefined;
    }, 'the SLA clocks');
    const firstResponse = clocks.find((clock) => clock.clock === 'first-response');
    expect(firstResponse?.stopped).toBe(false);
    expect(firstResponse!.dueAt.getTime() - firstResponse!.startedAt.getTime()).toBe(FIRST_RESPONSE_MS);

    const kinds = (await outbox(id)).map((entry) => `${entry.platform} ${entry.kind}`);
    expect(kinds.slice(0, 3)).toEqual(['discord prompt.post', 'slack card.post', 'discord status.update']);
    await eventually(() => world.shown.prompts.some((prompt) => prompt.threadId === thread && prompt.view.mentionRoleId === 'ambassadors'), 'the ping');
    await eventually(() => world.shown.directs.some((direct) => direct.userId === 'U-aino'), 'the assignee told privately');
  }, 120_000);

  it('should show the owner, the team and rule, the clocks and the actions on the card when it is updated', async () => {
    const { id } = await openedQuestion();
    const card = await eventually(() => world.shown.cards.filter((view) => view.conversationId === id).find((view) => view.facts?.length === 4 && view.statusLabel === 'Claimed'), 'a claimed card with every fact', 30_000);
    expect(card.facts?.slice(0, 2)).toEqual([{ label: 'Owner', value: 'Aino' }, { label: 'Team', value: 'Support (Routed by rule billing)' }]);
    expect(card.facts?.[2]).toMatchObject({ label: 'First response', value: expect.stringMatching(/^due \d+ \w+ \d\d:\d\d UTC$/) });
    expect(card.facts?.[3]).toMatchObject({ label: 'Resolution' });
    // Owned: no Claim button, only Resolve.
    expect(card.actions).toEqual([{ command: 'resolve', label: 'Resolve', style: 'primary' }]);
  }, 120_000);

  it('should mark the question answered and stop its first-response clock when an employee replies first, and reopen it to its owner when the customer replies', async () => {
    const { id, thread } = await openedQuestion();
    const reply = await world.ingest({
      type: 'message.posted', platform: 'slack', channelId: 'C-support', threadId: `card-${id}`, messageId: `reply-${id}`,
      author: { platformUserId: 'U-aino', displayName: 'Aino', isBot: false }, text: 'Fixed: the invoice is corrected.',
    });
    expect(reply.status).toBe('accepted');
    expect(await statusOf(id)).toBe('answered');
    expect((await changes(id)).at(-1)).toMatchObject({ from: 'claimed', to: 'answered', action: 'employee.replied', actorKind: 'person', actorUserId: 'U-aino' });
    await eventually(async () => (await world.capabilities.clocks.clockView(id)).find((clock) => clock.clock === 'first-response')?.stopped === true, 'the first-response clock to stop');
    expect((await world.capabilities.clocks.clockView(id)).find((clock) => clock.clock === 'resolution')?.stopped).toBe(false);
    await eventually(() => world.shown.statuses.some((status) => status.threadId === thread && status.view.label === 'Answered'), 'Discord to show the answer');

    const followUp = await world.ingest({
      type: 'message.posted', platform: 'discord', channelId: thread, threadId: thread, messageId: `follow-${id}`,
      author: { platformUserId: 'asker', displayName: 'Asker', isBot: false }, text: 'It still shows the old amount.',
    });
    expect(followUp.status).toBe('accepted');
    // Aino owns it (round robin): it goes back to her, not to the queue.
    expect(await statusOf(id)).toBe('claimed');
    expect((await changes(id)).at(-1)).toMatchObject({ from: 'answered', to: 'claimed', action: 'customer.replied' });
  }, 120_000);

  it('should keep a reply that changes nothing to one statement when a customer writes again in a question nobody answered yet', async () => {
    const { id, thread } = await openedQuestion();
    const before = (await changes(id)).length;
    const outcome = await world.ingest({
      type: 'message.posted', platform: 'discord', channelId: thread, threadId: thread, messageId: `more-${id}`,
      author: { platformUserId: 'asker', displayName: 'Asker', isBot: false }, text: 'Some more detail.',
    });
    expect(outcome.status).toBe('accepted');
    expect(await statusOf(id)).toBe('claimed');
    expect(await changes(id)).toHaveLength(before);
  }, 120_000);
});
