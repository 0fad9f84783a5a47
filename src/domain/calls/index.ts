/**
 * Calls: the state machine (`transition`), its legal-event table, status predicates and durations.
 * The app loads `CallState` from the call row, applies one `CallEvent` with `now`, saves the state,
 * writes a journey row and performs the returned `CallEffect`s after commit.
 */
export * from './call-event.js';
export * from './call-state.js';
export * from './durations.js';
export * from './statuses.js';
export * from './transition.js';
export * from './transitions.js';
