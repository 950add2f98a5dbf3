import type { FakeMessage } from '../fakes/discord/index.ts';

/** The buttons of a message Heimo posted on the Discord fake, row after row. */
export const discordButtons = (message: FakeMessage): Array<{ custom_id: string; label: string }> =>
  ((message.components ?? []) as Array<{ components?: Array<{ custom_id: string; label: string }> }>).flatMap((row) => row.components ?? []);
