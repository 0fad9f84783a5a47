/** Durable timer kinds of a call; each keyed so rescheduling moves the timer. */
export const CALL_TIMERS = {
  offerTimeout: 'call.offer_timeout', // key: offer id
  acceptWindow: 'call.accept_window', // key: call id
  queueTimeout: 'call.queue_timeout',
  queuePrompt: 'call.queue_prompt',
  holdRetrieve: 'call.hold_retrieve',
  autoHangup: 'call.auto_hangup',
  watchdog: 'call.watchdog',
  voicemailMax: 'call.voicemail_max',
  outboundRing: 'call.outbound_ring',
  balanceCutoff: 'call.balance_cutoff',
} as const;

export const WRAP_UP_TIMER = 'presence.wrap_up_end';

/** Meta keeps a user call ringing 30–60 s; after 60 s without our accept it is gone. */
export const PROVIDER_ACCEPT_WINDOW_MS = 60_000;
export const VOICEMAIL_MAX_MS = 120_000;
export const PER_CALL_TIMERS = [
  CALL_TIMERS.acceptWindow, CALL_TIMERS.queueTimeout, CALL_TIMERS.queuePrompt, CALL_TIMERS.holdRetrieve,
  CALL_TIMERS.autoHangup, CALL_TIMERS.watchdog, CALL_TIMERS.voicemailMax, CALL_TIMERS.outboundRing, CALL_TIMERS.balanceCutoff,
] as const;
