import fc from 'fast-check';

/** Values a hostile or careless sender puts where a field should be. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant({}),
    fc.constant([]),
    fc.constant([null]),
    fc.constant(''),
    fc.constant('\u0000'),
    fc.constant('\u200Bnote: x'),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.jsonValue({ maxDepth: 3 }),
  );

/** `base` with some of `keys` replaced by hostile values (undefined removes the field once serialised). */
export function mutatedJson(base: Record<string, unknown>, keys: string[] = Object.keys(base)): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...keys), hostileValue(), { minKeys: 1, maxKeys: 4 }).map((patch) => ({ ...base, ...patch }));
}

/** True when text shows a JavaScript value leaking through (`undefined`, `null`, `[object Object]`) that `input` did not contain. */
export function showsGarbage(text: string, input: unknown): boolean {
  const source = JSON.stringify(input) ?? '';
  return ['undefined', 'null', '[object Object]', 'NaN'].some((word) => text.includes(word) && !source.includes(word));
}

/** fast-check run options; `FC_SEED` (and `FC_PATH`) replay a failure CI printed. */
export function propertyRuns(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env['FC_SEED'];
  const path = process.env['FC_PATH'];
  return { numRuns, ...(seed === undefined ? {} : { seed: Number(seed) }), ...(path === undefined ? {} : { path }) };
}
