import type { CommandRegistry } from './registry.ts';

/** A command typed as text (Slack's `/heimo` text, a Teams message to the bot) split into name and arguments. */
export interface ParsedCommandText {
  command: string;
  args: Record<string, string>;
}

// Words, or "quoted phrases" (straight or curly quotes) kept whole, also after `name=`.
const TOKEN = /([a-z0-9_-]+=)?(?:"([^"]*)"|“([^”]*)”)|(\S+)/gi;
const NAMED = /^([a-z0-9_-]+)=([\s\S]*)$/;
const LINK = /^https?:\/\/\S+$/i;

/**
 * Parses `move billing https://…/q/1`, `assign U123`, `close duplicate of #12`, `onduty on=no`,
 * `kb search reset password` (a group's command is its first two words).
 * `name=value` (or `name="some words"`) sets an option by name; on a question-scoped command a
 * link fills the `question` option; other words fill the remaining options in order, and the last
 * text option takes the rest of the words. Platform
 * markup (Slack's `<@U1>` and `<https://…|label>`, Teams' `<at>` mentions) is the adapter's to
 * turn into plain ids and links first. Unknown commands keep their name: the runner refuses them.
 */
export function parseCommandText(text: string, registry: CommandRegistry): ParsedCommandText {
  const tokens = [...text.trim().matchAll(TOKEN)].map((match) => (match[1] ?? '') + (match[2] ?? match[3] ?? match[4] ?? ''));
  const [first = 'help', ...more] = tokens;
  // `kb search …`: the group's word and the command's; `kb` alone or `kb frob` stay as typed for the runner.
  const grouped = registry.group(first) !== undefined && more[0] !== undefined;
  const command = grouped ? `${first} ${more[0] ?? ''}`.toLowerCase() : first.toLowerCase();
  const rest = grouped ? more.slice(1) : more;
  const definition = registry.get(command);
  const args: Record<string, string> = {};
  if (definition === undefined) return { command, args };
  const names = new Set(definition.options.map((option) => option.name));
  // Only a command on a question reads a link or a leftover word as the question (`kb add` has a `question` of its own: text).
  const onQuestion = definition.scope === 'question' && names.has('question');
  const words: string[] = [];
  for (const token of rest) {
    const named = NAMED.exec(token);
    if (named !== null && names.has(named[1] ?? '')) args[named[1] ?? ''] = named[2] ?? '';
    else if (LINK.test(token) && onQuestion && args['question'] === undefined) args['question'] = token;
    else words.push(token);
  }
  const open = definition.options.filter((option) => args[option.name] === undefined && !(onQuestion && option.name === 'question'));
  open.forEach((option, index) => {
    if (words.length === 0) return;
    const last = index === open.length - 1 || words.length === 1;
    args[option.name] = last && option.type === 'string' ? words.splice(0).join(' ') : (words.shift() ?? '');
  });
  // Words left over with no option to take them: a typed id names the question.
  if (words.length > 0 && onQuestion && args['question'] === undefined) args['question'] = words.join(' ');
  return { command, args };
}
