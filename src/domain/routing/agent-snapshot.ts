import type { EffectiveStatus } from '../people.js';

/** Presence as routing sees it: the chosen status, or `busy` while on a call or ringing. */
export type AgentStatus = EffectiveStatus;

/** What routing needs to know about one agent at the moment of the decision (the app loads it). */
export interface AgentSnapshot {
  id: string;
  status: AgentStatus;
  /** Has a live desk connection (can show the incoming-call popup). */
  signedIn: boolean;
  onCall: boolean;
  /** Currently being offered another call. One call per agent: a ringing agent is not offered a second one. */
  ringing: boolean;
  channelMember: boolean;
  availableSince: Date | null;
  lastCallEndedAt: Date | null;
  callsToday: number;
}
