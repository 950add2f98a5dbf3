import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { summarize } from '../lib/stats.ts';
import { CUSTOMER_PROFILE, EMPLOYEE_PROFILE, generateText, markText, endMarks } from '../lib/traffic.ts';
import type { LoadRequest, LoadResult } from '../protocol.ts';

/** A conversation as the generator knows it: its threads on both sides and who talks in it. */
export interface Conversation {
  index: number;
  /** The Discord thread (the question's id). */
  threadId: string;
  /** The employee-side root (card) the thread replies go under. */
  rootId: string;
  customers: [number, number];
  employees: [number, number];
  nextSeq: number;
  lastDeliveredSeq: number;
}

/** Where the generator sends: Discord customers or employees, and a way to tidy the fakes. */
export interface LoadTargets {
  sendAsCustomer(conversation: Conversation, text: string): void;
  sendAsEmployee(conversation: Conversation, text: string): void;
  /** Tidies the fakes; returns API errors seen since the last call. */
  prune(): number;
}

interface Tracked {
  emitAt: number;
  conversation: Conversation;
  seq: number;
  measured: boolean;
  deliveredAt?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Matches deliveries to sent messages by their end marker and times them. */
export class DeliveryTracker {
  private readonly tracked = new Map<number, Tracked>();
  private readonly seen = new Set<number>();
  /** Sent and not delivered yet, whatever the phase. */
  private readonly outstanding = new Set<number>();
  private nextId = 1;
  sentTotal = 0;
  duplicates = 0;
  outOfOrder = 0;
  lastDeliveryAt = 0;
  /** When any delivery last arrived, ours or not. */
  lastArrivalAt = 0;
  deliveriesInWindow = 0;
  window: [number, number] = [Infinity, Infinity];

  /** Registers a message about to be sent and returns its id. */
  register(conversation: Conversation, measured: boolean): { id: number; entry: Tracked } {
    const id = this.nextId++;
    const entry: Tracked = { emitAt: 0, conversation, seq: conversation.nextSeq++, measured };
    this.tracked.set(id, entry);
    this.outstanding.add(id);
    this.sentTotal += 1;
    return { id, entry };
  }

  /** Called by a fake the moment a delivery request arrives. */
  onDelivery(text: string): void {
    const at = performance.now();
    this.lastArrivalAt = at;
    for (const id of endMarks(text)) {
      if (this.seen.has(id)) {
        this.duplicates += 1;
        continue;
      }
      if (!this.outstanding.delete(id)) continue; // not ours
      this.seen.add(id);
      const entry = this.tracked.get(id);
      if (entry === undefined) continue; // an earlier phase's straggler
      entry.deliveredAt = at;
      this.lastDeliveryAt = at;
      if (at >= this.window[0] && at <= this.window[1]) this.deliveriesInWindow += 1;
      if (entry.seq < entry.conversation.lastDeliveredSeq) this.outOfOrder += 1;
      else entry.conversation.lastDeliveredSeq = entry.seq;
    }
  }

  /** Starts a new phase: earlier messages no longer count. */
  reset(): void {
    this.tracked.clear();
    this.duplicates = 0;
    this.outOfOrder = 0;
    this.lastDeliveryAt = 0;
    this.deliveriesInWindow = 0;
    this.window = [Infinity, Infinity];
  }

  /** Messages sent since `forgetOutstanding` and not delivered yet, whatever the phase. */
  unaccounted(): number {
    return this.outstanding.size;
  }

  /** New fakes: nothing sent before can arrive any more. */
  forgetOutstanding(): void {
    this.outstanding.clear();
    this.sentTotal = 0;
  }

  all(): Tracked[] {
    return [...this.tracked.values()];
  }

  /** Messages of the current phase still on their way. */
  undelivered(): number {
    let count = 0;
    for (const entry of this.tracked.values()) if (entry.deliveredAt === undefined) count += 1;
    return count;
  }

  measured(): Tracked[] {
    return [...this.tracked.values()].filter((entry) => entry.measured);
  }
}

/** Runs one open-loop phase: sends on a timer at `rate`, never waiting for deliveries. */
export async function runLoad(request: LoadRequest, conversations: Conversation[], targets: LoadTargets, tracker: DeliveryTracker, random: () => number): Promise<LoadResult> {
  const active = conversations.slice(0, request.conversations ?? conversations.length);
  if (active.length === 0) throw new Error('no conversations set up');
  const toEmployee = request.direction === 'discord-to-employee';
  tracker.reset();
  let apiErrors = targets.prune();
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const eluStart = performance.eventLoopUtilization();
  const start = performance.now();
  const measureStart = start + request.warmupMs;
  const end = measureStart + request.measureMs;
  tracker.window = [measureStart, end];
  let sent = 0;
  let firstMeasured = Infinity;
  let lastMeasured = 0;

  const sendOne = (): void => {
    const conversation = active[Math.floor(random() * active.length)] as Conversation;
    const measured = performance.now() >= measureStart;
    const { id, entry } = tracker.register(conversation, measured);
    const text = markText(id, generateText(random, toEmployee ? CUSTOMER_PROFILE : EMPLOYEE_PROFILE));
    entry.emitAt = performance.now();
    if (measured) {
      firstMeasured = Math.min(firstMeasured, entry.emitAt);
      lastMeasured = entry.emitAt;
    }
    if (toEmployee) targets.sendAsCustomer(conversation, text);
    else targets.sendAsEmployee(conversation, text);
  };

  lag.enable();
  const pruner = setInterval(() => (apiErrors += targets.prune()), 1_000);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.floor(((Math.min(now, end) - start) * request.rate) / 1_000);
      while (sent < due) {
        sendOne();
        sent += 1;
      }
      if (now >= end) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  lag.disable();
  const elu = performance.eventLoopUtilization(eluStart);

  const measured = tracker.measured();
  const deadline = performance.now() + request.drainTimeoutMs;
  while (performance.now() < deadline && measured.some((entry) => entry.deliveredAt === undefined)) await sleep(10);
  clearInterval(pruner);
  apiErrors += targets.prune();

  const delivered = measured.filter((entry) => entry.deliveredAt !== undefined);
  const latencies = delivered.map((entry) => (entry.deliveredAt as number) - entry.emitAt);
  const allDelivered = delivered.length === measured.length;
  const lastDelivery = delivered.reduce((latest, entry) => Math.max(latest, entry.deliveredAt as number), 0);
  const windowSeconds = Math.max(0.001, (lastMeasured - firstMeasured) / 1_000);
  return {
    label: request.label,
    direction: request.direction,
    rate: request.rate,
    conversations: active.length,
    sent: measured.length,
    delivered: delivered.length,
    totalSent: tracker.all().length,
    totalDelivered: tracker.all().filter((entry) => entry.deliveredAt !== undefined).length,
    duplicates: tracker.duplicates,
    outOfOrder: tracker.outOfOrder,
    latency: summarize(latencies),
    sendRate: measured.length / windowSeconds,
    deliverRate: tracker.deliveriesInWindow / (request.measureMs / 1_000),
    endToEndRate: delivered.length / Math.max(0.001, (lastDelivery - firstMeasured) / 1_000),
    drainMs: allDelivered ? Math.max(0, lastDelivery - lastMeasured) : -1,
    deliveredShare: measured.length === 0 ? 0 : delivered.length / measured.length,
    apiErrors,
    platformElu: elu.utilization,
    generatorLagP99: lag.percentile(99) / 1e6,
    platformHeapMb: getHeapStatistics().used_heap_size / 2 ** 20,
  };
}

/**
 * Waits until the previous phase's messages have all arrived, or nothing arrived for `quietMs`
 * (the rest is lost or stuck), or `timeoutMs` passed; a backlog would skew the next phase.
 */
export async function settle(tracker: DeliveryTracker, quietMs: number, timeoutMs: number): Promise<{ pending: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const pending = tracker.undelivered();
    const now = performance.now();
    if (pending === 0 || now - Math.max(tracker.lastArrivalAt, started) > quietMs || now - started > timeoutMs) return { pending, ms: now - started };
    await sleep(50);
  }
}

/** After the last phase: waits for stragglers, then counts what never arrived (lost, or stuck for longer). */
export async function account(tracker: DeliveryTracker, quietMs: number, timeoutMs: number): Promise<{ sent: number; undelivered: number; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const undelivered = tracker.unaccounted();
    const now = performance.now();
    if (undelivered === 0 || now - Math.max(tracker.lastArrivalAt, started) > quietMs || now - started > timeoutMs) {
      return { sent: tracker.sentTotal, undelivered, waitedMs: now - started };
    }
    await sleep(50);
  }
}
