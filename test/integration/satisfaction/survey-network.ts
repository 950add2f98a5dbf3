import { createSlackSide } from '../../contracts/slack-side.ts';
import { startNetwork, type Network, type NetworkOptions } from '../../e2e/network-harness.ts';
import { eventually } from '../../support/eventually.ts';

/** The Slack stand-in the satisfaction tests answer from. */
export type SurveySlack = Awaited<ReturnType<typeof createSlackSide>>;

/**
 * A running Heimo between the Discord and Slack stand-ins for the satisfaction tests: commands
 * registered (the survey's buttons run `rate`), quick job retries and sweeps, and the community's
 * settings from `community` (read on every load, so a test may change them between questions).
 */
export async function startSurveyNetwork(community: NonNullable<NetworkOptions['community']>): Promise<{ net: Network; slack: SurveySlack; close(): Promise<void> }> {
  const slack = await createSlackSide();
  const net = await startNetwork(slack, {
    env: { HEIMO_REGISTER_COMMANDS: 'true' },
    jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
    community,
  });
  await eventually(() => net.discord.registeredCommands().length > 0, 'the commands registered');
  return {
    net,
    slack,
    async close() {
      await net.close();
      await slack.close();
    },
  };
}
