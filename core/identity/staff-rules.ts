import type { AccountRef } from '../domain/domain-events.ts';
import type { StaffConfig } from '../domain/network.ts';

// Who is staff beyond the command permissions. Employees live in Slack and Teams, so every account
// there is staff; elsewhere (Discord) an account is staff by its e-mail, by the network file naming
// it, or by a staff role its platform showed.

/** An account as the staff rules see it. */
export interface StaffEvidence extends AccountRef {
  email?: string | null;
  staffRole?: boolean;
}

/** Lower-cases and trims an e-mail; undefined when it is empty. */
export function normalEmail(email: string | null | undefined): string | undefined {
  const trimmed = email?.trim().toLowerCase();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** True when the e-mail is one of the staff e-mails or in a staff domain. */
export function isStaffEmail(email: string | null | undefined, staff: StaffConfig): boolean {
  const normal = normalEmail(email);
  if (normal === undefined) return false;
  if (staff.emails.some((candidate) => normalEmail(candidate) === normal)) return true;
  const domain = normal.slice(normal.lastIndexOf('@') + 1);
  return staff.emailDomains.some((candidate) => {
    const wanted = candidate.trim().toLowerCase().replace(/^@/, '');
    return wanted !== '' && (domain === wanted || domain.endsWith(`.${wanted}`));
  });
}

/** True when one account shows its person is staff under any of the given settings. */
export function isStaffAccount(account: StaffEvidence, settings: readonly StaffConfig[]): boolean {
  if (account.platform === 'slack' || account.platform === 'teams') return true;
  if (account.staffRole === true) return true;
  return settings.some((staff) => isStaffEmail(account.email, staff) || staff.accounts.some((named) => named.platform === account.platform && named.userId === account.userId));
}
