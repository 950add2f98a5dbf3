import type { StatusChangedEvent } from '../domain/domain-events.ts';
import type { TeamLookup, TierConfig } from '../domain/network.ts';
import type { RoutingStore } from '../routing/index.ts';
import type { ConversationStatus } from '../domain/types.ts';
import type { FiredTimer, Jobs, Tx } from '../jobs/index.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { OutboxWriter } from '../outbox/index.ts';
import { addBusinessTime, businessTimeBetween } from './business-time.ts';
import { BREACH_TIMER, CLOCK_NAMES, clockKey, type ClockName, type ClockRecord, type ClockState, type StartClocksInput } from './clock-types.ts';
import { createClockQueries, type ClocksDatabase } from './sql-clocks.ts';

/** What the clocks need: the database, the job system, the outbox writer and the network's teams. */
export interface ClocksConfig {
  database: ClocksDatabase;
  jobs: Pick<Jobs, 'setTimer' | 'clearTimer' | 'on' | 'onTimer'>;
  outbox: OutboxWriter;
  teams: TeamLookup;
  /** Routing's record of each question's team and tier: with `tiers`, clocks start when a question opens. */
  routes?: Pick<RoutingStore, 'find'>;
  /** A community's tier by id (its clock targets). */
  tiers?: (communityId: string, tierId: string) => TierConfig | undefined;
  now?: () => Date;
}

/** SLA clocks of questions: started with a question, stopped and restarted by its status, escalated when they break. */
export interface Clocks {
  /** Starts the clocks the tier has targets for (due in the team's business time); drops those it has none for. */
  startClocks(tx: Tx, input: StartClocksInput): Promise<void>;
  /** Stops a clock and clears its timer; stopping a stopped or absent clock does nothing. */
  stopClock(tx: Tx, conversationId: string, clock: ClockName): Promise<void>;
  /** The question's clocks for cards and the queue: due times, breaches, business time left. */
  clockView(conversationId: string): Promise<ClockState[]>;
  /**
   * Registers the status listener and the breach handler (before jobs.start); with `routes`, also
   * the start of a question's clocks when it opens (routed open, or its community window ended).
   */
  listen(): void;
}

const TARGET: Record<ClockName, 'firstResponseMs' | 'resolutionMs'> = { 'first-response': 'firstResponseMs', resolution: 'resolutionMs' };
const DONE: readonly ConversationStatus[] = ['resolved', 'closed'];

/** Creates the clocks capability (issue 9). */
export function createClocks(config: ClocksConfig): Clocks {
  const { jobs, outbox, teams } = config;
  const now = config.now ?? (() => new Date());
  const sql = createClockQueries(config.database);

  const run = async (tx: Tx, clock: { conversationId: string; clock: ClockName; teamId: string; targetMs: number; startedAt: Date; dueAt: Date }): Promise<void> => {
    await sql.start(tx, clock);
    await jobs.setTimer(tx, { key: clockKey(clock.clock, clock.conversationId), kind: BREACH_TIMER, dueAt: clock.dueAt, payload: { conversationId: clock.conversationId, clock: clock.clock } });
  };

  const stopClock = async (tx: Tx, conversationId: string, clock: ClockName, at = now()): Promise<void> => {
    await sql.stop(tx, conversationId, clock, at);
    await jobs.clearTimer(tx, clockKey(clock, conversationId));
  };

  // A resolved or closed question that comes back gets a fresh resolution clock from that moment.
  const restartResolution = async (tx: Tx, record: ClockRecord | null, at: Date): Promise<void> => {
    if (!record || record.stoppedAt === null) return;
    const hours = teams(record.communityId, record.teamId)?.businessHours;
    await run(tx, { ...record, startedAt: at, dueAt: addBusinessTime(at, record.targetMs, hours) });
  };

  const onStatus = async (event: StatusChangedEvent, tx: Tx): Promise<void> => {
    const { conversationId, from, to } = event;
    const at = new Date(event.at);
    // First response stops at the first answer; a question closed unanswered stops it too.
    if (to === 'answered' || DONE.includes(to)) await stopClock(tx, conversationId, 'first-response', at);
    if (DONE.includes(to)) await stopClock(tx, conversationId, 'resolution', at);
    if (DONE.includes(from) && !DONE.includes(to)) {
      await restartResolution(tx, await sql.lockClock(tx, conversationId, 'resolution'), at);
    }
  };

  // Runs exactly once per fired timer (the job system's promise); a stale one (the clock stopped or
  // was restarted since) changes nothing, and a run's breach is recorded once.
  const onBreach = async (timer: FiredTimer, tx: Tx): Promise<void> => {
    const conversationId = String(timer.payload['conversationId']);
    const clock = timer.payload['clock'] as ClockName;
    const record = await sql.lockClock(tx, conversationId, clock);
    if (!record || record.stoppedAt !== null || record.dueAt.getTime() > timer.firedAt.getTime()) return;
    if (!(await sql.recordBreach(tx, conversationId, clock, record.dueAt, timer.firedAt))) return;
    const context = await sql.breachContext(tx, conversationId);
    if (!context) return;
    const drafts: OutboxDraft[] = [{ platform: context.cardPlatform, kind: 'card.update', payload: {} }];
    const escalation = teams(record.communityId, record.teamId)?.escalation;
    if (escalation) {
      const { destination, mention } = escalation;
      drafts.push({
        platform: destination.platform,
        kind: 'escalation.post',
        payload: {
          channelId: destination.channelId,
          ...(destination.teamId === undefined ? {} : { teamId: destination.teamId }),
          ...(mention === undefined ? {} : { mention }),
          clock,
          title: context.title,
          url: context.url,
        },
      });
    }
    await outbox.enqueue(tx, conversationId, drafts);
  };

  const startClocks: Clocks['startClocks'] = async (tx, input) => {
    for (const clock of CLOCK_NAMES) {
      const targetMs = input.tier[TARGET[clock]];
      if (targetMs === undefined) {
        await sql.remove(tx, input.conversationId, clock);
        await jobs.clearTimer(tx, clockKey(clock, input.conversationId));
        continue;
      }
      const dueAt = addBusinessTime(input.openedAt, targetMs, input.team.businessHours);
      await run(tx, { conversationId: input.conversationId, clock, teamId: input.team.id, targetMs, startedAt: input.openedAt, dueAt });
    }
  };

  // The clocks of an opened question, with the targets of the tier and the hours of the team it was routed to.
  const open = async (tx: Tx, conversationId: string, openedAt: Date): Promise<void> => {
    const route = await config.routes?.find(conversationId, tx);
    if (!route) return;
    const team = teams(route.communityId, route.teamId);
    if (!team) return;
    const tier = route.tierId === null ? undefined : config.tiers?.(route.communityId, route.tierId);
    await startClocks(tx, { conversationId, tier: tier ?? {}, team, openedAt });
    if (tier?.firstResponseMs === undefined && tier?.resolutionMs === undefined) return;
    // The card shows the clocks' due times from now on.
    const context = await sql.breachContext(tx, conversationId);
    if (context) await outbox.enqueue(tx, conversationId, [{ platform: context.cardPlatform, kind: 'card.update', payload: {} }]);
  };

  return {
    startClocks,
    stopClock: (tx, conversationId, clock) => stopClock(tx, conversationId, clock),

    async clockView(conversationId) {
      const at = now();
      return (await sql.clocks(conversationId)).map((record) => ({
        clock: record.clock,
        startedAt: record.startedAt,
        dueAt: record.dueAt,
        stopped: record.stoppedAt !== null,
        breached: record.breachedAt !== null,
        breachedAt: record.breachedAt,
        remainingMs: record.stoppedAt !== null ? null : businessTimeBetween(at, record.dueAt, teams(record.communityId, record.teamId)?.businessHours),
      }));
    },

    listen() {
      jobs.on('question.status_changed', 'clocks.status', onStatus);
      jobs.onTimer(BREACH_TIMER, onBreach);
      if (config.routes === undefined) return;
      jobs.on('question.routed', 'clocks.routed', async (event, tx) => {
        const state = await sql.opening(tx, event.conversationId);
        // Inside the window the clocks wait for it to end; a moved question keeps its running clocks.
        if (!state || state.status === 'new' || state.started) return;
        await open(tx, event.conversationId, new Date(event.at));
      });
      jobs.on('question.status_changed', 'clocks.opened', async (event, tx) => {
        if (event.from === 'new' && event.to === 'open') await open(tx, event.conversationId, new Date(event.at));
      });
    },
  };
}
