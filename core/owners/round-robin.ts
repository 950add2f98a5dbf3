import type { Candidate } from './owner-types.ts';

/**
 * Round robin's choice among a team's rota: members on duty and below `capacity` open questions,
 * the one assigned least recently first (never assigned before anyone); ties go by platform and
 * user id so every process picks the same person. Null when nobody is available.
 */
export function pickAssignee(candidates: readonly Candidate[], capacity: number): Candidate | null {
  const available = candidates.filter((candidate) => candidate.onDuty && candidate.openQuestions < capacity);
  available.sort((a, b) => {
    const at = a.lastAssignedAt?.getTime() ?? -Infinity;
    const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
    if (at !== bt) return at < bt ? -1 : 1;
    return `${a.platform}:${a.userId}` < `${b.platform}:${b.userId}` ? -1 : `${a.platform}:${a.userId}` > `${b.platform}:${b.userId}` ? 1 : 0;
  });
  return available[0] ?? null;
}
