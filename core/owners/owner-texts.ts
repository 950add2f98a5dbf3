// Words the assignee reads; they move to the message catalogue (core/i18n) when it exists.

/** The private message an assignee gets: the question's title and where to find it. */
export function assignedText(input: { title: string; url: string; by: string | null }): string {
  const who = input.by === null ? 'You were assigned a question' : `${input.by} assigned you a question`;
  return input.url === '' ? `${who}: ${input.title}` : `${who}: ${input.title}\n${input.url}`;
}
