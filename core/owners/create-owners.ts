import type { Actor } from '../domain/domain-events.ts';
import type { TeamConfig, TeamLookup } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { OutboxWriter } from '../outbox/index.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { Employee, Owner, OwnerRole, QuestionBrief, RotaEntry } from './owner-types.ts';
import { pickAssignee } from './round-robin.ts';
import { createOwnerQueries, type OwnersDatabase } from './sql-owners.ts';
import type { RoutingStore } from '../routing/index.ts';

/** A person acting on a question (claims, assignments). */
export type PersonActor = Extract<Actor, { kind: 'person' }>;

/** What owners needs: the database, the job system, the outbox writer and the network's teams. */
export interface OwnersConfig {
  database: OwnersDatabase;
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'on'>;
  outbox: OutboxWriter;
  teams: TeamLookup;
  /** Routing's record of each question's team: round robin runs when a routed question opens after its window. */
  routes?: Pick<RoutingStore, 'find'>;
  /**
   * What round robin's assignment does to the question's status (the lifecycle's claim), in the
   * assignment's transaction: an assigned question is `claimed`, as when a person claims it.
   */
  claimed?: (tx: Tx, conversationId: string) => Promise<void>;
  now?: () => Date;
}

/** Who owns a question: claims, assignments, round robin and the rota. Each call runs in `tx`, or its own transaction. */
export interface Owners {
  /** The claimer becomes owner; CONFLICT when someone else owns the question. */
  claim(input: { conversationId: string; claimer: Employee }, tx?: Tx): Promise<Owner>;
  /** A moderator or staff member makes `assignee` the owner (replacing any); the assignee is told privately. */
  assign(input: { conversationId: string; assignee: Employee; by: PersonActor; role: OwnerRole }, tx?: Tx): Promise<Owner>;
  /** Removes the owner (moderators, staff, or the owner themselves); false when there was none. */
  unassign(input: { conversationId: string; by: PersonActor; role: OwnerRole }, tx?: Tx): Promise<boolean>;
  /** Gives an unowned question to the team's next available member (see pickAssignee); null when nobody is available. */
  roundRobin(input: { conversationId: string; team: TeamConfig }, tx?: Tx): Promise<Owner | null>;
  /** The teams a person is on in a community (their rota entries), for `onduty` and the queue. */
  memberships(communityId: string, person: { platform: string; userId: string }): Promise<RotaEntry[]>;
  /** Puts a person on or off duty in a team (joining its rota when new). */
  onDuty(person: Employee, team: { communityId: string; teamId: string }, duty: 'on' | 'off', tx?: Tx): Promise<void>;
  /** The question's owner, for cards and the queue; in `tx` when given (the lifecycle's hasOwner). */
  owner(conversationId: string, tx?: Tx): Promise<Owner | null>;
  /**
   * Registers round robin (before jobs.start): on `question.routed` for a question already open
   * (no window, or moved), and when a question opens after its community window.
   */
  listen(): void;
}

const actorName = (actor: Actor): string => (actor.kind === 'heimo' ? 'heimo' : `${actor.platform}:${actor.userId}`);
const samePerson = (a: { platform: string; userId: string }, b: { platform: string; userId: string }): boolean => a.platform === b.platform && a.userId === b.userId;
const mayAssign = (role: OwnerRole): boolean => role === 'moderator' || role === 'staff';

/** Creates the owners capability (issue 9). */
export function createOwners(config: OwnersConfig): Owners {
  const { jobs, outbox, teams } = config;
  const now = config.now ?? (() => new Date());
  const sql = createOwnerQueries(config.database);
  const inTx = <T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> => (tx ? work(tx) : jobs.transaction(work));

  const briefOf = async (tx: Tx, conversationId: string): Promise<QuestionBrief> => {
    const brief = await sql.lockQuestion(tx, conversationId);
    if (!brief) throw new HeimoError('NOT_FOUND', `question ${conversationId} does not exist`, { context: { conversationId } });
    return brief;
  };

  // Records the owner, tells the job system, and (unless they acted themselves) the assignee.
  const give = async (tx: Tx, brief: QuestionBrief, person: Employee, actor: Actor, notify: boolean, teamId?: string): Promise<Owner> => {
    const at = now();
    const owner: Owner = { ...person, assignedAt: at, assignedBy: actorName(actor) };
    await sql.setOwner(tx, brief.conversationId, owner);
    await sql.touchMember(tx, teamId === undefined ? { communityId: brief.communityId } : { communityId: brief.communityId, teamId }, person, at);
    await jobs.publish(tx, { type: 'question.assigned', conversationId: brief.conversationId, assignee: { platform: person.platform, userId: person.userId }, actor, at: at.toISOString() });
    // The card shows its owner (a question still in its community window has no card yet).
    const drafts: OutboxDraft[] = brief.status === 'new' ? [] : [{ platform: brief.cardPlatform, kind: 'card.update', payload: {} }];
    if (notify) {
      const by = actor.kind === 'person' ? (actor.displayName ?? null) : null;
      // Worded by the delivery, in the community's language.
      drafts.push({ platform: person.platform, kind: 'dm.post', payload: { userId: person.userId, title: brief.title, url: brief.url, ...(by === null ? {} : { by }) } });
    }
    await outbox.enqueue(tx, brief.conversationId, drafts);
    return owner;
  };

  const roundRobin: Owners['roundRobin'] = (input, tx) =>
    inTx(tx, async (tx) => {
      const brief = await briefOf(tx, input.conversationId);
      const rota = await sql.lockRota(tx, brief.communityId, input.team.id, input.conversationId);
      // A redelivered routing event (or a question someone claimed meanwhile) keeps its owner.
      const current = await sql.owner(input.conversationId, tx);
      if (current) return current;
      const pick = pickAssignee(rota, input.team.capacity);
      if (!pick) return null;
      const { platform, userId, displayName } = pick;
      const owner = await give(tx, brief, { platform, userId, displayName }, { kind: 'heimo' }, true, input.team.id);
      await config.claimed?.(tx, input.conversationId);
      return owner;
    });

  return {
    claim: (input, tx) =>
      inTx(tx, async (tx) => {
        const brief = await briefOf(tx, input.conversationId);
        const current = await sql.owner(input.conversationId, tx);
        if (current && samePerson(current, input.claimer)) return current;
        if (current) throw new HeimoError('CONFLICT', `question ${input.conversationId} is already owned`, { context: { conversationId: input.conversationId, owner: actorName({ kind: 'person', ...current }) } });
        const { platform, userId, displayName } = input.claimer;
        return give(tx, brief, input.claimer, { kind: 'person', platform, userId, displayName }, false);
      }),

    assign: (input, tx) =>
      inTx(tx, async (tx) => {
        if (!mayAssign(input.role)) throw new HeimoError('UNAUTHORIZED', 'only moderators and staff assign questions', { context: { by: actorName(input.by) } });
        const brief = await briefOf(tx, input.conversationId);
        const current = await sql.owner(input.conversationId, tx);
        if (current && samePerson(current, input.assignee)) return current;
        return give(tx, brief, input.assignee, input.by, !samePerson(input.by, input.assignee));
      }),

    unassign: (input, tx) =>
      inTx(tx, async (tx) => {
        await briefOf(tx, input.conversationId);
        const current = await sql.owner(input.conversationId, tx);
        if (!current) return false;
        if (!mayAssign(input.role) && !samePerson(current, input.by)) {
          throw new HeimoError('UNAUTHORIZED', 'only moderators, staff or the owner unassign a question', { context: { by: actorName(input.by) } });
        }
        await sql.removeOwner(tx, input.conversationId);
        await jobs.publish(tx, { type: 'question.assigned', conversationId: input.conversationId, assignee: null, actor: input.by, at: now().toISOString() });
        return true;
      }),

    roundRobin,

    memberships: (communityId, person) => sql.memberships(communityId, person),

    onDuty: (person, team, duty, tx) => inTx(tx, (tx) => sql.setDuty(tx, { ...person, ...team, onDuty: duty === 'on' })),

    owner: (conversationId, tx) => sql.owner(conversationId, tx),

    listen() {
      jobs.on('question.routed', 'owners.round-robin', async (event, tx) => {
        const brief = await briefOf(tx, event.conversationId);
        // Inside its community window nobody is assigned: the window's end does it (below).
        if (brief.status === 'new') return;
        const team = teams(brief.communityId, event.teamId);
        if (team) await roundRobin({ conversationId: event.conversationId, team }, tx);
      });
      jobs.on('question.status_changed', 'owners.opened', async (event, tx) => {
        if (event.from !== 'new' || event.to !== 'open' || config.routes === undefined) return;
        const route = await config.routes.find(event.conversationId, tx);
        const team = route === null ? undefined : teams(route.communityId, route.teamId);
        if (team) await roundRobin({ conversationId: event.conversationId, team }, tx);
      });
    },
  };
}
