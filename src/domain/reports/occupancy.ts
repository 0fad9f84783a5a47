import { percent, round2 } from './ratios.js';

export interface Occupancy {
  handle_seconds: number;
  available_seconds: number;
  /** handle time ÷ (handle time + available time), in %; null when both are zero. */
  occupancy_pct: number | null;
}

export function occupancy(handleSeconds: number, availableSeconds: number): Occupancy {
  return {
    handle_seconds: round2(handleSeconds),
    available_seconds: round2(availableSeconds),
    occupancy_pct: percent(handleSeconds, handleSeconds + availableSeconds),
  };
}
