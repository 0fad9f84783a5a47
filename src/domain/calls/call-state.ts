export const callStatuses = ['routing', 'offering', 'queued', 'dialing', 'ringing', 'connected', 'on_hold', 'voicemail', 'ended'] as const;
export type CallStatus = (typeof callStatuses)[number];

export const callResults = ['answered', 'unanswered', 'user_abandon', 'rejected', 'missed', 'failed', 'voicemail'] as const;
export type CallResult = (typeof callResults)[number];

export type CallDirection = 'inbound' | 'outbound';
export type EndedBy = 'customer' | 'agent' | 'system' | 'provider';

/**
 * One call as the rules see it: plain data, stored as JSON on the call row. Times are epoch ms.
 *
 * Inbound: routing → offering (agents ring while WhatsApp still rings the caller) or queued (accepted at
 * the provider, the caller hears prompts) → connected ⇄ on_hold → ended. Outbound: dialing → ringing →
 * connected → ended. A transfer takes a connected call back to offering with the provider leg up.
 */
export interface CallState {
  status: CallStatus;
  direction: CallDirection;
  result: CallResult | null;
  /** The agent on the call (connected, on hold) or who placed it (outbound). */
  agentId: string | null;
  /** Agents with an outstanding offer. */
  ringing: string[];
  /** Every agent offered this call so far (for re-routing). */
  tried: string[];
  /** Offers that ran out of time, counted since the call reached routing. */
  missedOffers: number;
  /** The provider has been told to accept (queue, IVR, an answered offer) or the outbound call was answered. */
  providerAccepted: boolean;
  routedAt: number;
  answeredAt: number | null;
  heldAt: number | null;
  holdMs: number;
  endedAt: number | null;
  endedBy: EndedBy | null;
  endReason: string | null;
  transfers: number;
}

export function newInboundCall(now: number): CallState {
  return base('inbound', 'routing', now);
}

export function newOutboundCall(now: number, agentId: string): CallState {
  return { ...base('outbound', 'dialing', now), agentId };
}

function base(direction: CallDirection, status: CallStatus, now: number): CallState {
  return {
    status, direction, result: null, agentId: null, ringing: [], tried: [], missedOffers: 0, providerAccepted: false,
    routedAt: now, answeredAt: null, heldAt: null, holdMs: 0, endedAt: null, endedBy: null, endReason: null, transfers: 0,
  };
}
