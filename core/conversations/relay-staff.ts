import type { CommunityConfig } from '../domain/network.ts';
import type { Author, Platform } from '../domain/types.ts';
import type { Thanked } from './lifecycle-reply.ts';
import type { QuestionFlow } from './question-flow.ts';

// A Discord staff role is read where Heimo sees it, on the author of a stored question or message,
// and rides on that write as `staff.seen` (identity marks the person staff), like a thanks does.
// An author holding no staff role gets no `after` work, so the common path stays one statement.

/** Who wrote a message and the roles the platform showed on them. */
export interface SeenAuthor {
  platform: Platform;
  author: Author;
  authorRoleIds?: string[];
}

/** True when the author holds one of the community's Discord staff roles. */
export function holdsStaffRole(community: Pick<CommunityConfig, 'permissions'>, seen: SeenAuthor): boolean {
  if (seen.platform !== 'discord' || seen.author.isBot || seen.authorRoleIds === undefined) return false;
  const staff = new Set(community.permissions.discord.staffRoleIds);
  return seen.authorRoleIds.some((id) => staff.has(id));
}

/** The `staff.seen` publish for an author holding a staff role, as riding work; undefined for anyone else. */
export function staffSighting(flow: QuestionFlow | undefined, community: Pick<CommunityConfig, 'id' | 'permissions'> | undefined, seen: SeenAuthor): Thanked | undefined {
  if (flow === undefined || community === undefined || !holdsStaffRole(community, seen)) return undefined;
  const account = { platform: seen.platform, userId: seen.author.platformUserId };
  return (tx) => flow.staffSeen(tx, { communityId: community.id, account });
}

/** Both works in order (either may be absent); undefined when neither is there. */
export function alongside(first: Thanked | undefined, second: Thanked | undefined): Thanked | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return async (tx, messageId) => {
    await first(tx, messageId);
    await second(tx, messageId);
  };
}
