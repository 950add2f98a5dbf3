import type { EmployeePlatform } from '../domain/types.ts';

/** An employee as owners knows them: the platform identity and the name cards show. */
export interface Employee {
  platform: EmployeePlatform;
  userId: string;
  displayName: string;
}

/** A question's owner: who, since when, and who made them owner (`platform:userId`, or `heimo`). */
export interface Owner extends Employee {
  assignedAt: Date;
  assignedBy: string;
}

/** What the person acting may do: moderators and staff assign; anyone else only claims. */
export type OwnerRole = 'moderator' | 'staff' | 'member';

/** One person on a team's rota, on or off duty. */
export interface RotaEntry extends Employee {
  communityId: string;
  teamId: string;
  onDuty: boolean;
}

/** A rota member as round robin weighs them. */
export interface Candidate extends Employee {
  onDuty: boolean;
  /** Null: never assigned (comes first). */
  lastAssignedAt: Date | null;
  /** Questions they own that are neither resolved nor closed. */
  openQuestions: number;
}

/** What the assignee's private message needs. */
export interface QuestionBrief {
  conversationId: string;
  communityId: string;
  title: string;
  /** The card's (or else the customer thread's) link; empty when neither is known yet. */
  url: string;
  /** The question's lifecycle status (round robin waits while it is `new`). */
  status: string;
  /** Where its card lives (Slack or Teams): an owner change updates the card. */
  cardPlatform: EmployeePlatform;
}
