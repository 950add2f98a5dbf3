import type { FakeSlackMessage } from '../fakes/slack/store.ts';

// What a person sees of a Block Kit message, for tests that read Heimo's cards on the Slack fake.

/** Every text, button id and value in a value, flattened. */
export const flatten = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(flatten).join(' ');
  return '';
};

/** A message's text and everything its blocks show. */
export const shown = (message: FakeSlackMessage): string => `${message.text} ${flatten(message.blocks)}`;

/** The action ids of a message's buttons, in order. */
export const buttonIds = (message: FakeSlackMessage): string[] => {
  const ids: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'button' && typeof record['action_id'] === 'string') ids.push(record['action_id']);
      Object.values(record).forEach(walk);
    }
  };
  walk(message.blocks);
  return ids;
};
