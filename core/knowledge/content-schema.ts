import { z } from 'zod';
import { HeimoError } from '../errors.ts';
import type { ArticleContent, ImportRow } from './port.ts';

// What people and files may put into an article, checked before anything is written: a refusal
// names the field, so `/heimo kb edit`, the web form and `heimo kb import` can say what was wrong.

/** Longest title; longer ones are refused rather than cut (a person can shorten theirs). */
export const MAX_TITLE = 300;
/** Longest question, answer or context (characters). */
export const MAX_TEXT = 40_000;

const text = (max: number) => z.string().max(max);
const filled = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = z.string().trim().max(100).nullable();

/** An edit: any content field, each checked. */
export const contentChangesSchema = z
  .object({
    title: filled(MAX_TITLE),
    question: filled(MAX_TEXT),
    answer: filled(MAX_TEXT),
    context: text(MAX_TEXT),
    tags: z.array(z.string().trim().min(1).max(50)).max(20),
    product: optionalText,
    version: optionalText,
    visibility: z.enum(['public', 'community', 'staff']),
  })
  .partial()
  .strict();

/** An import row: `id` may be a number in the file; it is kept as text. */
export const importRowSchema = z
  .object({
    id: z.union([z.string().trim().min(1).max(200), z.number().finite().transform(String)]),
    title: filled(MAX_TITLE),
    body: text(MAX_TEXT),
    answer: filled(MAX_TEXT),
  })
  .passthrough();

/** The message of a zod failure, naming each field: `title: must not be empty; answer: Required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}

/** Checks an edit (BAD_INPUT naming the fields otherwise). */
export function parseChanges(changes: unknown): Partial<ArticleContent> {
  const result = contentChangesSchema.safeParse(changes);
  if (!result.success) throw new HeimoError('BAD_INPUT', `invalid article content: ${describeIssues(result.error)}`, { context: { fields: result.error.issues.map((issue) => issue.path.join('.')) } });
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) as Partial<ArticleContent>;
}

/** Checks an import row: the row, or why it is refused. */
export function parseImportRow(row: unknown): { row: ImportRow } | { error: string } {
  const result = importRowSchema.safeParse(row);
  if (!result.success) return { error: describeIssues(result.error) };
  const { id, title, body, answer } = result.data;
  return { row: { id, title: title.trim(), body: body.trim(), answer: answer.trim() } };
}
