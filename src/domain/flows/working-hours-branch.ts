import type { FlowAction } from './flow-definition.js';
import { intervalCovers, localTime } from './working-hours.js';

type WorkingHoursAction = Extract<FlowAction, { type: 'working_hours' }>;

export interface WorkingHoursBranch {
  branch: 'open' | 'closed' | 'holiday';
  /** The action to continue with; undefined = the next action. */
  target: string | undefined;
}

/** Which branch a working-hours action takes at `now`, judged on the wall clock of its time zone. */
export function workingHoursBranch(action: WorkingHoursAction, now: Date): WorkingHoursBranch {
  const local = localTime(now, action.timeZone);
  if (action.holidays.includes(local.date)) return { branch: 'holiday', target: action.holidayTarget ?? action.closedTarget };
  const open = action.intervals.find((i) => intervalCovers(i, local));
  return open === undefined ? { branch: 'closed', target: action.closedTarget } : { branch: 'open', target: open.target };
}
