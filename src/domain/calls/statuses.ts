import type { CallState, CallStatus } from './call-state.js';

/** Status predicates of a call, in one place. */
export const isEnded = (s: Pick<CallState, 'status'>): boolean => s.status === 'ended';
export const isLive = (s: Pick<CallState, 'status'>): boolean => s.status !== 'ended';
export const isRinging = (s: Pick<CallState, 'status'>): boolean => s.status === 'offering' || s.status === 'ringing' || s.status === 'dialing';
export const isTalking = (s: Pick<CallState, 'status'>): boolean => s.status === 'connected' || s.status === 'on_hold';
export const isWaitingForAgent = (s: Pick<CallState, 'status'>): boolean =>
  s.status === 'routing' || s.status === 'offering' || s.status === 'queued';
export const wasAnswered = (s: Pick<CallState, 'answeredAt'>): boolean => s.answeredAt !== null;
export const liveStatuses: readonly CallStatus[] = ['routing', 'offering', 'queued', 'dialing', 'ringing', 'connected', 'on_hold', 'voicemail'];
