import { assertNever } from '../assert-never.js';
import type { FlowAction } from './flow-definition.js';

/** Every action id an action names as a jump target (all must exist). */
export function jumpTargets(action: FlowAction): string[] {
  switch (action.type) {
    case 'queue':
      return action.onTimeout === undefined ? [] : [action.onTimeout];
    case 'agent':
      return action.onNoAnswer === undefined ? [] : [action.onNoAnswer];
    case 'webhook':
      return action.onError === undefined ? [] : [action.onError];
    case 'goto_if':
    case 'goto':
      return [action.target];
    case 'working_hours':
      return [
        ...action.intervals.flatMap((i) => (i.target === undefined ? [] : [i.target])),
        action.closedTarget,
        ...(action.holidayTarget === undefined ? [] : [action.holidayTarget]),
      ];
    case 'auto_reply':
    case 'tag':
    case 'close':
    case 'noop':
    case 'voicemail':
      return [];
    default:
      return assertNever(action, 'flow action');
  }
}

/**
 * The one action that always follows this one in the same run, if there is exactly one and it is forced: a
 * fall-through after tag / noop / auto_reply, or an unlimited goto. Waiting, branching and terminal actions, and
 * gotos with `maxTimes`, have none.
 */
export function unconditionalSuccessor(actions: readonly FlowAction[], index: number): number | null {
  const action = actions[index]!;
  switch (action.type) {
    case 'tag':
    case 'noop':
    case 'auto_reply':
      return index + 1 < actions.length ? index + 1 : null;
    case 'goto': {
      if (action.maxTimes !== undefined) return null;
      const target = actions.findIndex((a) => a.id === action.target);
      return target === -1 ? null : target;
    }
    case 'queue':
    case 'agent':
    case 'webhook':
    case 'goto_if':
    case 'working_hours':
    case 'close':
    case 'voicemail':
      return null;
    default:
      return assertNever(action, 'flow action');
  }
}

/** The ids of a loop made only of forced moves (it would spin forever once entered), or null when there is none. */
export function findUnconditionalLoop(actions: readonly FlowAction[]): string[] | null {
  const state = new Array<'new' | 'visiting' | 'done'>(actions.length).fill('new');
  for (let start = 0; start < actions.length; start++) {
    const path: number[] = [];
    let at: number | null = start;
    while (at !== null && state[at] === 'new') {
      state[at] = 'visiting';
      path.push(at);
      at = unconditionalSuccessor(actions, at);
    }
    if (at !== null && state[at] === 'visiting') return path.slice(path.indexOf(at)).map((i) => actions[i]!.id);
    for (const i of path) state[i] = 'done';
  }
  return null;
}
