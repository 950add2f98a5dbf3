/** Which way a message travels. */
export type Direction = 'toSlack' | 'toDiscord';

/** One message the soak sent, and when the other side first saw it. */
export interface SentMessage {
  conversation: number;
  direction: Direction;
  seq: number;
  marker: string;
  sentAt: number;
  firstSeenAt?: number;
  /** Written while no Heimo process was running (only backfill can carry it). */
  whileDown: boolean;
  /** The platform had to deliver its event to Heimo again (a failed first attempt). */
  redelivered?: boolean;
  /** When Heimo acknowledged its event (Slack: after storing it); unknown for gateway events. */
  storedAt?: number;
}

/** A message that appeared after a later one of its conversation, and why when the soak can tell. */
export interface Reorder {
  marker: string;
  /** The later message it appeared after. */
  after: string;
  /** It reached Heimo only on a redelivery, from backfill, or after the later one was already posted. */
  late: boolean;
}

/** What the end state showed for one direction. */
export interface DirectionCounts {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reordered: number;
  /**
   * Of those, messages whose event reached Heimo only on a redelivery or from backfill, or was
   * stored only after the later message had already been posted: no relay can put them back.
   */
  reorderedLate: number;
  reorders: Reorder[];
  sentWhileDown: number;
  lostWhileDown: number;
}

const MARKER = /SOAKc(\d+)([DS])(\d+)X/g;

/** The marker a message carries: alphanumeric only, so no formatter on either side can change it. */
export function markerOf(conversation: number, direction: Direction, seq: number): string {
  return `SOAKc${conversation}${direction === 'toSlack' ? 'D' : 'S'}${seq}X`;
}

/** Every marker in a text, in order. */
export function markersIn(text: string): Array<{ conversation: number; direction: Direction; seq: number; marker: string }> {
  return [...text.matchAll(MARKER)].map((match) => ({ conversation: Number(match[1]), direction: match[2] === 'D' ? 'toSlack' : 'toDiscord', seq: Number(match[3]), marker: match[0] }));
}

/** A text relayed to a person that no person should see. */
export function isGarbage(text: string): boolean {
  return text.trim() === '' || /\bundefined\b|\[object Object\]|\bnull\b/.test(text.replace(/SOAKc\d+[DS]\d+X/g, ''));
}

/** Keeps what was sent and when it was first seen on the other side. */
export function createLedger() {
  const sent = new Map<string, SentMessage>();
  return {
    sent,
    record(message: Omit<SentMessage, 'marker'>): string {
      const marker = markerOf(message.conversation, message.direction, message.seq);
      sent.set(marker, { ...message, marker });
      return marker;
    },
    /** Notes the first time a platform was asked to post text carrying markers. */
    /** Marks the messages in an event the platform delivered again. */
    redelivered(text: string): void {
      for (const { marker } of markersIn(text)) {
        const entry = sent.get(marker);
        if (entry !== undefined) entry.redelivered = true;
      }
    },
    /** Notes when Heimo acknowledged (stored) an event carrying markers. */
    stored(text: string, at = Date.now()): void {
      for (const { marker } of markersIn(text)) {
        const entry = sent.get(marker);
        if (entry !== undefined && entry.storedAt === undefined) entry.storedAt = at;
      }
    },
    seen(text: string, at = Date.now()): void {
      for (const { marker } of markersIn(text)) {
        const entry = sent.get(marker);
        if (entry !== undefined && entry.firstSeenAt === undefined) entry.firstSeenAt = at;
      }
    },
    /**
     * Tallies one direction from the posts that side ended up with: `posts` per conversation in the
     * order the platform shows them, each with its text.
     */
    tally(direction: Direction, posts: Map<number, string[]>): DirectionCounts {
      const mine = [...sent.values()].filter((message) => message.direction === direction);
      const copies = new Map<string, number>();
      const reorders: Reorder[] = [];
      for (const texts of posts.values()) {
        let last: { seq: number; marker: string } | null = null;
        for (const text of texts) {
          for (const found of markersIn(text).filter((item) => item.direction === direction)) {
            copies.set(found.marker, (copies.get(found.marker) ?? 0) + 1);
            if (last !== null && found.seq < last.seq) {
              const entry = sent.get(found.marker);
              const laterPostedAt = sent.get(last.marker)?.firstSeenAt;
              const storedAfter = entry?.storedAt !== undefined && laterPostedAt !== undefined && entry.storedAt > laterPostedAt;
              reorders.push({ marker: found.marker, after: last.marker, late: entry?.redelivered === true || entry?.whileDown === true || storedAfter });
            }
            if (last === null || found.seq > last.seq) last = { seq: found.seq, marker: found.marker };
          }
        }
      }
      const reordered = reorders.length;
      const reorderedLate = reorders.filter((reorder) => reorder.late).length;
      const lost = mine.filter((message) => (copies.get(message.marker) ?? 0) === 0);
      return {
        sent: mine.length,
        delivered: mine.length - lost.length,
        lost: lost.length,
        duplicated: [...copies.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
        reordered,
        reorderedLate,
        reorders,
        sentWhileDown: mine.filter((message) => message.whileDown).length,
        lostWhileDown: lost.filter((message) => message.whileDown).length,
      };
    },
    /** Latency percentiles (ms) of messages sent while Heimo ran. */
    latency(direction: Direction): { p50: number; p90: number; p99: number; max: number; count: number } {
      const values = [...sent.values()]
        .filter((message) => message.direction === direction && !message.whileDown && message.firstSeenAt !== undefined)
        .map((message) => (message.firstSeenAt ?? 0) - message.sentAt)
        .sort((a, b) => a - b);
      const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
      return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: values.at(-1) ?? 0, count: values.length };
    },
  };
}

/** The soak's record of traffic. */
export type Ledger = ReturnType<typeof createLedger>;
