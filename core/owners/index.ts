/** Owners (issue 9): who answers a question, by claim, assignment or round robin over a team's rota. */
export { createOwners, type Owners, type OwnersConfig, type PersonActor } from './create-owners.ts';
export { pickAssignee } from './round-robin.ts';
export type { Candidate, Employee, Owner, OwnerRole, RotaEntry } from './owner-types.ts';
export { createOwnersEraser } from './sql-owners-eraser.ts';
