import type { CreditRulesConfig } from '../domain/network.ts';

// Credit rings as a pure decision over who credited whom (people, not accounts) in the window.

/** One credit between people: `giver` null when nobody gave it (an article, an acceptor's own credit). */
export interface CreditEdge {
  giver: string | null;
  receiver: string;
}

/** A group found crediting mostly itself. */
export interface RingFinding {
  /** Person ids, sorted. */
  members: string[];
  /** Credits inside the group. */
  credits: number;
  /** Inside credits over all credits the members received. */
  share: number;
}

// Enough of the closest partners to find any small ring without enumerating a crowd.
const MAX_PARTNERS = 8;

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const found: T[][] = [];
  items.forEach((item, index) => {
    for (const rest of subsets(items.slice(index + 1), size - 1)) found.push([item, ...rest]);
  });
  return found;
}

function evaluate(group: readonly string[], edges: readonly CreditEdge[], ring: CreditRulesConfig['ring']): RingFinding | null {
  const inGroup = new Set(group);
  const received = edges.filter((edge) => inGroup.has(edge.receiver));
  const inside = received.filter((edge) => edge.giver !== null && edge.giver !== edge.receiver && inGroup.has(edge.giver));
  if (inside.length < ring.minCredits || received.length === 0) return null;
  // A ring credits back: every member gets something from the others (a fan of one is not a ring).
  if (group.some((member) => !inside.some((edge) => edge.receiver === member))) return null;
  const share = inside.length / received.length;
  return share >= ring.share ? { members: [...group].sort(), credits: inside.length, share } : null;
}

/**
 * The smallest group (2..maxSize people) that contains the anchors (the receiver, and the giver
 * when there is one) and mostly credits itself, or null. `edges` must hold every credit the
 * anchors gave or received and every credit their partners received, in the window.
 */
export function findRing(anchors: readonly string[], edges: readonly CreditEdge[], ring: CreditRulesConfig['ring']): RingFinding | null {
  const fixed = [...new Set(anchors)];
  const weight = new Map<string, number>();
  for (const edge of edges) {
    if (edge.giver === null) continue;
    const touches = fixed.includes(edge.giver) ? edge.receiver : fixed.includes(edge.receiver) ? edge.giver : null;
    if (touches !== null && !fixed.includes(touches)) weight.set(touches, (weight.get(touches) ?? 0) + 1);
  }
  const partners = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_PARTNERS).map(([person]) => person);
  for (let size = Math.max(2, fixed.length); size <= ring.maxSize; size += 1) {
    for (const extra of subsets(partners, size - fixed.length)) {
      const found = evaluate([...fixed, ...extra], edges, ring);
      if (found !== null) return found;
    }
  }
  return null;
}
