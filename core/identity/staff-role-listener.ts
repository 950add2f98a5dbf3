import type { Jobs } from '../jobs/index.ts';
import type { IdentityService } from './port.ts';

// The relay publishes `staff.seen` when a message's author holds one of the community's Discord
// staff roles; identity marks their person staff (sticky: until an unlink recomputes the mark), so
// credits count what they earn on the staff board, never on the community's.

/** What the staff-role listener needs. */
export interface StaffRoleListenerConfig {
  jobs: Pick<Jobs, 'on'>;
  identity: Pick<IdentityService, 'ensure'>;
}

/** Registers the `staff.seen` listener that marks the account's person staff. Before `jobs.start()`. */
export function listenForStaffRoles(config: StaffRoleListenerConfig): void {
  config.jobs.on('staff.seen', 'identity.staff-role', async (event, tx) => {
    // An empty name keeps the one identity knows (the account's first-seen name otherwise).
    await config.identity.ensure(tx, { ...event.account, displayName: '', staffRole: true }, event.communityId);
  });
}
