import type { Platform } from '../domain/types.ts';

/** How a command run ended: done, refused for lack of permission, refused for bad input, or failed. */
export type AuditOutcome = 'allowed' | 'denied' | 'invalid' | 'failed';

/** Every outcome, for readers that filter. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['allowed', 'denied', 'invalid', 'failed'];

/** One command run to record. */
export interface AuditDraft {
  at: Date;
  communityId: string;
  platform: Platform;
  actorId: string;
  actorName: string;
  command: string;
  /** The arguments as given (and the targeted message of a message action). */
  args: Record<string, unknown>;
  conversationId: string | null;
  outcome: AuditOutcome;
  /** Why it was denied or failed; what it did, when that says more than the command. */
  detail: string | null;
}

/** A recorded run. */
export interface AuditRecord extends AuditDraft {
  id: string;
}

/** Which runs to read: from `since` on (all without), oldest first, at most `limit`. */
export interface AuditQuery {
  since?: Date;
  limit?: number;
}

/** The command audit: every run of a chat command, allowed or not. */
export interface AuditLog {
  record(draft: AuditDraft): Promise<void>;
  list(query?: AuditQuery): Promise<AuditRecord[]>;
}
