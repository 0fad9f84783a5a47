import type { Role } from '../domain/people.js';

/**
 * What a state change tells the desks. An event names its tenant and who may see it; the
 * WebSocket hub forwards it to those sockets only. Payloads carry ids and the few fields a popup
 * needs, never secrets or SDP.
 */
export interface DeskEvent {
  type: string;
  tenantId: string;
  audience: Audience;
  data: Record<string, unknown>;
}

export interface Audience {
  /** These users (any role). */
  userIds?: string[];
  /** Everyone of these roles in the tenant. */
  roles?: Role[];
  /**
   * What the event is about, for supervisors reached through `roles`: one scoped to some agent groups
   * gets it only when it names one of their agents or groups (admins and unscoped supervisors always do).
   */
  about?: { agentIds?: (string | null)[]; agentGroupIds?: (string | null)[] };
}

export interface EventPublisher {
  publish(events: DeskEvent[]): void;
  /** Every event published on any instance (internal events included). */
  subscribe?(fn: (e: DeskEvent) => void): () => void;
}

/** Events between server instances only: no desk sees them (empty audience). */
export const internalAudience: Audience = {};

/** A channel was changed or removed (instances drop what they cached of channels). */
export const CHANNELS_CHANGED = 'internal.channels_changed';

export const supervisors: Audience = { roles: ['admin', 'supervisor'] };

/** Supervisors of these agents or groups, and admins. */
export function supervisorsOf(agentIds: (string | null)[], agentGroupIds: (string | null)[] = []): Audience {
  return { ...supervisors, about: { agentIds, agentGroupIds } };
}
