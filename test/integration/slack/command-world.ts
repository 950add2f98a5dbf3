import type { FakeSlackConfig, FakeSlackUser } from '../../fakes/slack/fake-slack.ts';
import { type SlackHarness, startSlackHarness, USERS, waitFor } from './harness.ts';
import { createTestCommandPort, type TestCommandPort } from './command-port.ts';

/** The channel the cards are posted in. */
export const CARDS = 'C0CARDS';
/** The staff channel of TEST_PERMISSIONS: its members are staff. */
export const STAFF_CHANNEL = 'C-support';

/** People of the command tests, by what TEST_PERMISSIONS makes them. */
export const PEOPLE = {
  moderator: { id: 'U0MOD', name: 'mona', displayName: 'Mona', locale: 'en-US' },
  staff: { id: 'U0STAFF', name: 'stan', displayName: 'Stan', locale: 'en-US' },
  finnishStaff: { id: 'U0AINO', name: 'aino', displayName: 'Aino', locale: 'fi-FI' },
  member: { id: 'U0MEMBER', name: 'meri', displayName: 'Meri', locale: 'en-GB' },
  channelStaff: { id: 'U0CHAN', name: 'chan', displayName: 'Chan', locale: 'en-US' },
} satisfies Record<string, FakeSlackUser>;

/** User groups and channel members that give the people above their rights. */
export const COMMAND_WORLD: Pick<FakeSlackConfig, 'userGroups' | 'members' | 'users'> = {
  users: [...USERS, ...Object.values(PEOPLE)],
  userGroups: [
    { id: 'S-mods', users: [PEOPLE.moderator.id] },
    { id: 'S-support', users: [PEOPLE.staff.id, PEOPLE.finnishStaff.id, PEOPLE.moderator.id] },
    { id: 'S-other', users: [PEOPLE.member.id] },
  ],
  members: { [STAFF_CHANNEL]: [PEOPLE.channelStaff.id, PEOPLE.staff.id] },
};

/** A started bot with the real command runner, in the world above. */
export interface CommandHarness extends SlackHarness {
  commands: TestCommandPort;
}

/** Starts the bot over HTTP (default) or Socket Mode with a command port and the command world. */
export async function startCommandHarness(options: { socketMode?: boolean } = {}): Promise<CommandHarness> {
  const commands = createTestCommandPort();
  const harness = await startSlackHarness({ ...options, commands: commands.port, fake: COMMAND_WORLD });
  return Object.assign(harness, { commands });
}

/** Waits for what the bot sent to the response_url of one invocation. */
export function responseTo(h: SlackHarness, responseId: string): Promise<Record<string, unknown>> {
  return waitFor(() => h.fake.responses.find((response) => response.id === responseId)?.body, `a response to ${responseId}`, 8_000);
}

/** Waits for the ephemeral the bot showed `user`, the `index`-th one. */
export function ephemeralFor(h: SlackHarness, user: string, index = 0): Promise<{ text: string; threadTs?: string; channel: string }> {
  return waitFor(() => h.fake.ephemerals.filter((ephemeral) => ephemeral.user === user)[index], `an ephemeral for ${user}`, 8_000);
}
