import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CommandContractWorld } from './command-contract.ts';
import type { CommandPersona } from './command-side.ts';

type Db = CommandContractWorld['db'];

// A person as identity stores them (its tables, written here as a test writes fixtures).
async function person(db: Db, platform: string, userId: string, displayName: string, staff: boolean): Promise<void> {
  const id = randomUUID();
  await db.pool.query(`INSERT INTO "Identity" ("id", "displayName", "staff", "updatedAt") VALUES ($1::text, $2::text, $3::boolean, now())`, [id, displayName, staff]);
  await db.pool.query(`INSERT INTO "IdentityAccount" ("id", "identityId", "platform", "userId", "via") VALUES ($1::text, $2::text, $3::text, $4::text, 'first-seen')`, [randomUUID(), id, platform, userId]);
}

// A ledger row as credits appends it.
async function credit(db: Db, row: { platform: string; userId: string; points: number; reason: string; staff?: boolean; conversationId?: string }): Promise<void> {
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "conversationId", "staff") VALUES ($1::text, 'acme', $2::text, $3::text, $4::int, $5::text, $6::text, $7::text, $8::boolean)`,
    [id, row.platform, row.userId, row.points, row.reason, `contract:${id}`, row.conversationId ?? null, row.staff ?? false],
  );
}

/**
 * The standings commands of the contract (issue 11), run inside describeCommandContract on its
 * world: `leaderboard` answers in the channel with the community board (staff on their own),
 * `profile` privately, one's own or someone else's; `privacy board` keeps the consent.
 */
export function describeStandingsContract(world: () => CommandContractWorld): void {
  // Bold is `**` in Discord and Teams markdown, `*` in Slack's mrkdwn: the words are compared without it.
  const run = async (command: string, as: CommandPersona, args?: Record<string, string>) => {
    const reply = await world().side.run({ command, as, ...(args === undefined ? {} : { args }) });
    return { ...reply, text: reply.text.replace(/\*+/g, '') };
  };
  let seeded = false;
  const seed = async (): Promise<void> => {
    if (seeded) return;
    seeded = true;
    const { db } = world();
    const platform = world().side.platform;
    await person(db, platform, world().userIdOf('member'), 'Mia Member', false);
    await person(db, platform, world().userIdOf('staff'), 'Sol Staff', true);
    await credit(db, { platform, userId: world().userIdOf('member'), points: 10, reason: 'answer.accepted', conversationId: 'contract-c1' });
    await credit(db, { platform, userId: world().userIdOf('member'), points: 3, reason: 'thanks' });
    await credit(db, { platform, userId: world().userIdOf('staff'), points: 7, reason: 'answer.accepted', staff: true, conversationId: 'contract-c2' });
  };

  it('should post the community board in the channel with rank, name and points, and keep staff on their own board, when anyone runs leaderboard', async () => {
    await seed();
    const board = await run('leaderboard', 'member', { window: '7d' });
    expect(board.private).toBe(false);
    expect(board.text).toContain('Leaderboard (community), last 7 days');
    expect(board.text).toContain('1. Mia Member: 13 points');
    expect(board.text).not.toContain('Sol Staff');
    const staff = await run('leaderboard', 'member', { window: 'all', board: 'staff' });
    expect(staff.text).toContain('1. Sol Staff: 7 points');
    expect(staff.text).not.toContain('Mia Member');
  });

  it('should tell a profile privately, one own or someone named, when anyone runs profile', async () => {
    await seed();
    const own = await run('profile', 'member');
    expect(own.private).toBe(true);
    expect(own.text).toContain('Mia Member: no tier yet');
    expect(own.text).toContain('Points: 13 recently (what tiers count), 13 in all.');
    expect(own.text).toContain('Answers accepted: 1. Articles: 0. People helped: 1.');
    const named = await run('profile', 'staff', { user: world().userIdOf('member') });
    expect(named.private).toBe(true);
    expect(named.text).toContain('Mia Member');
    expect(named.text).toContain('accepted answers 10, thanks 3');
  });

  it('should keep the consent to be on the public board when a member runs privacy board on', async () => {
    const reply = await run('privacy', 'member', { action: 'board', on: 'yes' });
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('You on the public leaderboard and your people page: shown');
    const stored = await world().db.pool.query<{ showOnBoard: boolean }>(`SELECT "showOnBoard" FROM "PrivacyChoice" WHERE "platform" = $1::text AND "userId" = $2::text`, [world().side.platform, world().userIdOf('member')]);
    expect(stored.rows).toEqual([{ showOnBoard: true }]);
  });
}
