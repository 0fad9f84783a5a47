/** Exhaustiveness guard for `switch` statements over closed unions: the compiler fails if a case is missing. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
