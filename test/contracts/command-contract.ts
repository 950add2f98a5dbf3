import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/infra/db/create-database.ts';
import type { KnowledgeService } from '../../core/knowledge/index.ts';
import type { CommandPersona, CommandSide, QuestionPlace } from './command-side.ts';
import { describeKnowledgeContract } from './knowledge-contract.ts';
import { describeStandingsContract } from './standings-contract.ts';

/**
 * What the command contract runs on: a platform's command side wired to Heimo's real command port
 * and database, and a way to make questions it can act on. A driver's e2e test builds it (e.g.
 * test/e2e/<platform>-commands.test.ts: startNetwork + the side, or the side over a seeded database).
 */
export interface CommandContractWorld {
  side: CommandSide;
  /** The database Heimo runs on: the suite reads statuses, owners and routes there. */
  db: Pick<Database, 'pool'>;
  /** The knowledge base the `kb` commands act on: the suite adds articles through it. */
  knowledge: KnowledgeService;
  /** A fresh open question with an employee's answer, as it lives on the side's platform, and the answer's id there. */
  ask(title: string): Promise<{ question: QuestionPlace; answerMessageId: string }>;
  /** A team of the question's community other than the one it is routed to (its id or name): where `move` sends it. */
  otherTeam: string;
  /** The platform user id of a persona (the assignee of `assign`). */
  userIdOf(persona: CommandPersona): string;
  close(): Promise<void>;
}

/**
 * The behaviour of every platform's commands, end to end through its SDK, the core's port, the
 * real capabilities and the database: who may run each command (a refusal is private and changes
 * nothing), what it changes, and what the person reads; the knowledge commands with them.
 */
export function describeCommandContract(name: string, createWorld: () => Promise<CommandContractWorld>): void {
  describe(`${name}: command contract`, () => {
    let world: CommandContractWorld;
    // Where people answer (Slack, Teams) staff own questions; on Discord the asker is the one in charge of theirs.
    let inCharge: CommandPersona;
    const employeeSide = (): boolean => world.side.platform !== 'discord';

    const read = async (conversationId: string) => {
      const q = async <R>(sql: string): Promise<R | undefined> => (await world.db.pool.query<R>(sql, [conversationId])).rows[0];
      const conversation = await q<{ status: string }>(`SELECT "status" FROM "Conversation" WHERE "id" = $1::text`);
      const owner = await q<{ platform: string; userId: string }>(`SELECT "platform", "userId" FROM "QuestionOwner" WHERE "conversationId" = $1::text`);
      const route = await q<{ teamId: string }>(`SELECT "teamId" FROM "QuestionRoute" WHERE "conversationId" = $1::text`);
      const solution = await q<{ solutionMessageId: string }>(`SELECT "solutionMessageId" FROM "Resolution" WHERE "conversationId" = $1::text AND "current"`);
      return { status: conversation?.status, owner: owner ?? null, teamId: route?.teamId ?? null, solution: solution?.solutionMessageId ?? null };
    };

    beforeAll(async () => {
      world = await createWorld();
      inCharge = world.side.platform === 'discord' ? 'asker' : 'staff';
    });
    afterAll(async () => {
      await world?.close();
    });

    it('should answer status privately to anyone when they ask on a question', async () => {
      const { question } = await world.ask('Status please');
      const reply = await world.side.run({ command: 'status', as: 'member', question });
      expect(reply.private).toBe(true);
      expect(reply.text).toContain('Status please');
    });

    it('should refuse a member privately and leave the question unowned when they claim it', async () => {
      const { question } = await world.ask('Claim refused');
      const before = await read(question.conversationId);
      const reply = await world.side.run({ command: 'claim', as: 'member', question });
      expect(reply.private).toBe(true);
      expect(await read(question.conversationId)).toEqual(before);
    });

    it('should make staff owner with the status claimed where employees work, and refuse it on the customer side, when staff claim', async () => {
      const { question } = await world.ask('Claim it');
      const reply = await world.side.run({ command: 'claim', as: 'staff', question });
      const after = await read(question.conversationId);
      if (employeeSide()) {
        expect(reply.private).toBe(false);
        expect(after).toMatchObject({ status: 'claimed', owner: { platform: world.side.platform, userId: world.userIdOf('staff') } });
      } else {
        // Owners are employees: a claim on Discord is explained privately and changes nothing.
        expect(reply.private).toBe(true);
        expect(after).toMatchObject({ status: 'open', owner: null });
      }
    });

    it('should claim with the card button as staff does with the command', async () => {
      const { question } = await world.ask('Claim by button');
      const reply = await world.side.press({ action: employeeSide() ? 'claim' : 'resolve', as: inCharge, question });
      expect(reply.private).toBe(false);
      expect((await read(question.conversationId)).status).toBe(employeeSide() ? 'claimed' : 'resolved');
    });

    it('should give the question to the person named and claim it when staff assign it', async () => {
      const { question } = await world.ask('Assign it');
      const reply = await world.side.run({ command: 'assign', args: { user: world.userIdOf('moderator') }, as: 'staff', question });
      const after = await read(question.conversationId);
      if (employeeSide()) {
        expect(reply.private).toBe(false);
        expect(after).toMatchObject({ status: 'claimed', owner: { userId: world.userIdOf('moderator') } });
      } else {
        expect(reply.private).toBe(true);
        expect(after.owner).toBeNull();
      }
    });

    it('should refuse a member privately and resolve for the one in charge with the latest answer when they resolve', async () => {
      const { question } = await world.ask('Resolve it');
      expect((await world.side.run({ command: 'resolve', as: 'member', question })).private).toBe(true);
      expect((await read(question.conversationId)).status).toBe('open');
      const reply = await world.side.run({ command: 'resolve', as: inCharge, question });
      expect(reply.private).toBe(false);
      const after = await read(question.conversationId);
      expect(after.status).toBe('resolved');
      expect(after.solution).not.toBeNull();
    });

    it('should resolve with the marked message as the solution when the one in charge marks it', async () => {
      const { question, answerMessageId } = await world.ask('Mark it');
      const refused = await world.side.markSolution({ messageId: answerMessageId, as: 'member', question });
      expect(refused.private).toBe(true);
      expect((await read(question.conversationId)).solution).toBeNull();
      const reply = await world.side.markSolution({ messageId: answerMessageId, as: inCharge, question });
      expect(reply.private).toBe(false);
      const after = await read(question.conversationId);
      expect(after.status).toBe('resolved');
      const [stored] = (await world.db.pool.query<{ id: string }>(
        `SELECT m."id" FROM "Message" m WHERE m."conversationId" = $1::text AND (m."externalId" = $2::text OR m."id" IN (SELECT "messageId" FROM "MessageCopy" WHERE "externalId" = $2::text))`,
        [question.conversationId, answerMessageId],
      )).rows;
      expect(after.solution).toBe(stored?.id);
    });

    it('should reopen a resolved question and refuse reopening an open one when the one in charge reopens', async () => {
      const { question } = await world.ask('Reopen it');
      await world.side.run({ command: 'resolve', as: inCharge, question });
      expect((await world.side.run({ command: 'reopen', as: inCharge, question })).private).toBe(false);
      expect((await read(question.conversationId)).status).toBe('open');
      const again = await world.side.run({ command: 'reopen', as: inCharge, question });
      expect(again.private).toBe(true);
      expect((await read(question.conversationId)).status).toBe('open');
    });

    it('should close with the reason for the one in charge and refuse a member when they close', async () => {
      const { question } = await world.ask('Close it');
      expect((await world.side.run({ command: 'close', args: { reason: 'duplicate' }, as: 'member', question })).private).toBe(true);
      expect((await read(question.conversationId)).status).toBe('open');
      const reply = await world.side.run({ command: 'close', args: { reason: 'duplicate' }, as: inCharge, question });
      expect(reply.private).toBe(false);
      expect(reply.text).toContain('duplicate');
      expect((await read(question.conversationId)).status).toBe('closed');
    });

    it('should move the question to the team named for staff and refuse a member when they move it', async () => {
      const { question } = await world.ask('Move it');
      const before = await read(question.conversationId);
      expect((await world.side.run({ command: 'move', args: { team: world.otherTeam }, as: 'member', question })).private).toBe(true);
      expect(await read(question.conversationId)).toEqual(before);
      const reply = await world.side.run({ command: 'move', args: { team: world.otherTeam }, as: 'staff', question });
      expect(reply.private).toBe(false);
      expect((await read(question.conversationId)).teamId).not.toBe(before.teamId);
    });

    it('should show the community figures privately to staff and refuse a member when they ask for stats', async () => {
      await world.ask('Counted in the figures');
      const refused = await world.side.run({ command: 'stats', as: 'member' });
      expect(refused.private).toBe(true);
      const figures = await world.side.run({ command: 'stats', as: 'staff' });
      expect(figures.private).toBe(true);
      expect(refused.text).not.toContain('Acme');
      // In every language: the community's name, and the questions of the last 30 days in digits.
      expect(figures.text).toContain('Acme');
      expect(figures.text).toMatch(/\b30\b/);
    });

    it('should show dead deliveries to a moderator only, privately, when they list them', async () => {
      const refused = await world.side.run({ command: 'deliveries', args: { action: 'list' }, as: 'staff' });
      expect(refused.private).toBe(true);
      const listed = await world.side.run({ command: 'deliveries', args: { action: 'list' }, as: 'moderator' });
      expect(listed.private).toBe(true);
      expect(listed.text).not.toBe(refused.text);
    });

    it('should apply tiers now for a moderator only, privately, when they run tier recompute', async () => {
      // A member with 12 points (Helper from 10 by default) whom no credit event promoted yet.
      const communityId = (await world.db.pool.query<{ communityId: string }>(`SELECT "communityId" FROM "Conversation" LIMIT 1`)).rows[0]?.communityId ?? 'acme';
      const platform = world.side.platform;
      await world.db.pool.query(`INSERT INTO "Identity" ("id", "displayName", "updatedAt") VALUES ('tier-person', 'Tia', now()) ON CONFLICT DO NOTHING`);
      await world.db.pool.query(`INSERT INTO "IdentityAccount" ("id", "identityId", "platform", "userId", "via") VALUES ('tier-account', 'tier-person', $1::text, 'tier-user', 'first-seen') ON CONFLICT DO NOTHING`, [platform]);
      await world.db.pool.query(`INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey") VALUES ('tier-credit', $1::text, $2::text, 'tier-user', 12, 'moderator', 'tier-credit') ON CONFLICT DO NOTHING`, [communityId, platform]);
      const holders = async () => (await world.db.pool.query<{ tierId: string }>(`SELECT "tierId" FROM "TierHolding" WHERE "identityId" = 'tier-person'`)).rows;
      const refused = await world.side.run({ command: 'tier recompute', as: 'staff' });
      expect(refused.private).toBe(true);
      expect(await holders()).toEqual([]);
      const done = await world.side.run({ command: 'tier recompute', as: 'moderator' });
      expect(done.private).toBe(true);
      expect(done.text).toMatch(/\b1\b/);
      expect(await holders()).toEqual([{ tierId: 'helper' }]);
    });

    describeKnowledgeContract(() => world);
    describeStandingsContract(() => world);

    const choicesOf = async (persona: CommandPersona) =>
      (await world.db.pool.query<{ showName: boolean; indexable: boolean }>(`SELECT "showName", "indexable" FROM "PrivacyChoice" WHERE "platform" = $1::text AND "userId" = $2::text`, [world.side.platform, world.userIdOf(persona)])).rows[0];
    const auditedAs = async (persona: CommandPersona): Promise<number> =>
      (await world.db.pool.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "CommandAudit" WHERE "platform" = $1::text AND "actorId" = $2::text`, [world.side.platform, world.userIdOf(persona)])).rows[0]?.n ?? 0;

    // Issue 11, identity: two accounts become one person with a one-time code, and part again.
    const personOf = async (persona: CommandPersona): Promise<string | undefined> =>
      (await world.db.pool.query<{ identityId: string }>(`SELECT "identityId" FROM "IdentityAccount" WHERE "platform" = $1::text AND "userId" = $2::text`, [world.side.platform, world.userIdOf(persona)])).rows[0]?.identityId;

    it('should give a private code, join the accounts when another account runs link with it, and split them again when it runs unlink', async () => {
      const asked = await world.side.run({ command: 'link', as: 'member' });
      expect(asked.private).toBe(true);
      const code = /\b([A-HJ-NP-Z2-9]{8})\b/.exec(asked.text)?.[1];
      expect(code, asked.text).toBeDefined();
      expect(asked.text).toContain(`link ${code}`);

      const linked = await world.side.run({ command: 'link', args: { code: code ?? '' }, as: 'asker' });
      expect(linked.private).toBe(true);
      expect(linked.text).toContain('Linked');
      expect(await personOf('asker')).toBe(await personOf('member'));

      const again = await world.side.run({ command: 'link', args: { code: code ?? '' }, as: 'asker' });
      expect(again.private).toBe(true);
      expect(again.text).toContain('used already');

      const unlinked = await world.side.run({ command: 'unlink', as: 'asker' });
      expect(unlinked.private).toBe(true);
      expect(await personOf('asker')).not.toBe(await personOf('member'));
      const alone = await world.side.run({ command: 'unlink', as: 'asker' });
      expect(alone.text).toContain('not linked');
    });

    it('should refuse an unknown code privately and join nobody when someone runs link with it', async () => {
      // Other cases (standings, credits) may have given staff a person already: it must not change.
      const before = await personOf('staff');
      const accountsOf = async (identityId: string | undefined): Promise<number> =>
        identityId === undefined ? 0 : (await world.db.pool.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "IdentityAccount" WHERE "identityId" = $1::text`, [identityId])).rows[0]?.n ?? 0;
      const accountsBefore = await accountsOf(before);
      const reply = await world.side.run({ command: 'link', args: { code: 'ZZZZ2222' }, as: 'staff' });
      expect(reply.private).toBe(true);
      expect(reply.text).toContain('does not know that code');
      expect(await personOf('staff')).toBe(before);
      expect(await accountsOf(before)).toBe(accountsBefore);
    });

    it('should keep the choices a member makes and show them privately when they run privacy', async () => {
      const named = await world.side.run({ command: 'privacy', args: { action: 'name', on: 'yes' }, as: 'member' });
      expect(named.private).toBe(true);
      await world.side.run({ command: 'privacy', args: { action: 'index', on: 'no' }, as: 'member' });
      expect(await choicesOf('member')).toEqual({ showName: true, indexable: false });
      const shown = await world.side.run({ command: 'privacy', as: 'member' });
      expect(shown.private).toBe(true);
      expect(shown.text).toContain('privacy forget');
    });

    // Last: the member is forgotten for the rest of this suite.
    it('should ask first, then forget the member and audit the run without naming them when they run privacy forget', async () => {
      const asked = await world.side.run({ command: 'privacy', args: { action: 'forget' }, as: 'member' });
      expect(asked.private).toBe(true);
      expect(await choicesOf('member')).toBeDefined();
      expect(await auditedAs('member')).toBeGreaterThan(0);

      const done = await world.side.run({ command: 'privacy', args: { action: 'forget', confirm: 'yes' }, as: 'member' });
      expect(done.private).toBe(true);
      expect(done.text).not.toBe(asked.text);
      expect(await choicesOf('member')).toBeUndefined();
      expect(await auditedAs('member')).toBe(0);
      const last = (await world.db.pool.query<{ actorId: string; command: string; outcome: string }>(
        `SELECT "actorId", "command", "outcome" FROM "CommandAudit" WHERE "platform" = $1::text ORDER BY "at" DESC, "id" DESC LIMIT 1`, [world.side.platform])).rows[0];
      expect(last).toEqual({ actorId: 'forgotten', command: 'privacy', outcome: 'allowed' });
    });
  });
}
