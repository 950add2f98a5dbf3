import { describeEmployeeContract } from '../contracts/employee-contract.ts';
import { createSlackSide } from '../contracts/slack-side.ts';

describeEmployeeContract('Discord <-> Slack', createSlackSide);
