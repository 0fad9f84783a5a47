import type { Role } from '../domain/people.js';

/** Who is asking: every use case is scoped to the actor's tenant. */
export interface Actor {
  userId: string;
  tenantId: string;
  role: Role;
}

export const isStaff = (a: Actor): boolean => a.role === 'admin' || a.role === 'supervisor';
