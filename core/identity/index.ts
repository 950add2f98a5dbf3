// identity: reached by other modules only through this file.
export type * from './port.ts';
export { createIdentity, type IdentityConfig } from './create-identity.ts';
export { CODE_ALPHABET, CODE_LENGTH, LINK_CODE_TTL_MS, type LinkRefusal } from './link-codes.ts';
export { isStaffEmail } from './staff-rules.ts';
export { createIdentityEraser } from './sql-identity-eraser.ts';
export { listenForEmails, type EmailListenerConfig } from './email-listener.ts';
export { listenForStaffRoles, type StaffRoleListenerConfig } from './staff-role-listener.ts';
