import { z } from 'zod/v4';
import { HeimoError } from '../../../../core/errors.ts';

/** One action a pane offers the page: its input schema and what it does with valid input. */
export interface PaneAction<S extends z.ZodType = z.ZodType> {
  input: S;
  run(input: z.infer<S>): Promise<unknown> | unknown;
}

/**
 * One platform column of the sandbox page. Each pane keeps in one file what the page shows of
 * its stand-in (`view`, sent to the browser as JSON), what a person can do there (`actions`,
 * posted back by the page as `POST /api/<pane>/<action>`) and how the browser draws it (`client`,
 * a script that registers a renderer with `Sandbox.pane(id, ...)`). A new Heimo feature (a slash
 * command, a suggestion, a credit) extends the pane it shows on: its data in `view`, what a
 * person does in `actions` (driving the stand-in as the platform would), its look in `client`.
 */
export interface SandboxPane {
  id: string;
  view(): unknown;
  actions: Record<string, PaneAction>;
  client: string;
}

/** Declares an action with its schema, keeping the input type of `run` tied to the schema. */
export function action<S extends z.ZodType>(input: S, run: (input: z.infer<S>) => Promise<unknown> | unknown): PaneAction {
  return { input, run } as PaneAction;
}

/** What the page sent does not fit the action (unknown message, empty text...). */
export class SandboxInputError extends HeimoError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'SandboxInputError';
  }
}

/** Runs a pane action on raw JSON input; bad input throws a SandboxInputError naming the field. */
export async function runAction(pane: SandboxPane, name: string, raw: unknown): Promise<unknown> {
  const found = Object.hasOwn(pane.actions, name) ? pane.actions[name] : undefined;
  if (found === undefined) throw new SandboxInputError(`the ${pane.id} pane has no action "${name}"`);
  const parsed = found.input.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SandboxInputError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
  }
  return found.run(parsed.data);
}

/** Message text a person may type: trimmed, not empty, within the platform's usual limit. */
export const text = (max: number) => z.string().trim().min(1, 'type something first').max(max, `at most ${max} characters`);

/** An identifier the page got from a view. */
export const id = z.string().min(1).max(200);
