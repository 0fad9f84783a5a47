/** Produces new identifiers. Production uses time-ordered UUIDs (v7); tests may use a counter. */
export interface IdGenerator {
  next(): string;
}
