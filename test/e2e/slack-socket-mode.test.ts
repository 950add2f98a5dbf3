import { describeEmployeeContract } from '../contracts/employee-contract.ts';
import { createSlackSide } from '../contracts/slack-side.ts';

// The whole employee contract again, with Heimo reaching Slack over Socket Mode instead of the Events API.
describeEmployeeContract('Discord <-> Slack (Socket Mode)', () => createSlackSide({ socketMode: true }));
