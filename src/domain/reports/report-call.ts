import type { CallDirection, CallResult } from '../calls/call-state.js';

/** One call record as the metrics read it: plain data, times in epoch ms. */
export interface ReportCall {
  direction: CallDirection;
  /** When the call reached routing (null when it never did). */
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  result: CallResult | null;
  endReason: string | null;
  /** The agent on the call (for a transferred call: the last one). */
  agentId: string | null;
  /** end − answered, so it already contains the hold time. */
  talkSeconds: number | null;
  holdSeconds: number;
  wrapUpSeconds: number | null;
}
