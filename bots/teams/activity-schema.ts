import { z } from 'zod/v4';

// What Heimo, teams-ai and botbuilder read of an activity before a handler can refuse it: the
// adapter throws (answered 500) on a missing conversation, from or recipient id, and the
// translators iterate attachments, entities and reactions. Unknown fields pass through.

const loose = z.looseObject;
// botbuilder throws (500) on an empty id as on a missing one.
const id = () => z.string().min(1);
const account = loose({ id: id(), name: z.string().nullish(), aadObjectId: z.string().nullish() });
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

/** A Bot Framework activity as far as Heimo and its SDKs read it. */
export const activitySchema = loose({
  type: z.string(),
  id: z.string().optional(),
  channelId: id(),
  serviceUrl: z.string(),
  from: account,
  recipient: account,
  conversation: loose({ id: id(), conversationType: z.string().nullish(), tenantId: z.string().nullish() }),
  replyToId: z.string().nullish(),
  text: z.string().nullish(),
  timestamp: z.string().nullish(),
  action: z.string().nullish(),
  channelData: loose({ eventType: z.string().nullish() }).nullish(),
  attachments: list(loose({ contentType: z.string().nullish(), contentUrl: z.string().nullish(), name: z.string().nullish() })),
  entities: list(loose({ type: z.string().nullish(), text: z.string().nullish(), mentioned: loose({ id: z.string().nullish(), name: z.string().nullish(), aadObjectId: z.string().nullish() }).nullish() })),
  reactionsAdded: list(loose({ type: z.string() })),
  reactionsRemoved: list(loose({ type: z.string() })),
  membersAdded: list(account),
  membersRemoved: list(account),
});

/** Why an activity is malformed (the first failing field, indices as `*`, never a value); undefined when sound. */
export function malformedActivityReason(activity: unknown): string | undefined {
  const result = activitySchema.safeParse(activity);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((part) => (typeof part === 'number' ? '*' : String(part))).join('.');
  return `${path === '' ? 'activity' : path}: ${issue?.code ?? 'invalid'}`;
}
