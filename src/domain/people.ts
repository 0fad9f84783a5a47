export const roles = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];

/** What an agent (or a supervisor) chooses. `busy` is not chosen: it is derived from being on a call or ringing. */
export const presenceStatuses = ['offline', 'available', 'paused', 'after_call_work'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];
export type EffectiveStatus = PresenceStatus | 'busy';
