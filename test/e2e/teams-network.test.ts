import { describeEmployeeContract } from '../contracts/employee-contract.ts';
import { createTeamsSide } from '../contracts/teams-side.ts';

describeEmployeeContract('Discord <-> Teams', createTeamsSide);
