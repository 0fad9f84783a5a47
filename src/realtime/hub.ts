import type { Logger } from 'pino';
import type { Actor } from '../app/actor.js';
import type { Audience, DeskEvent } from '../app/events.js';
import type { Supervision } from '../app/supervision/supervision-scope.js';
import type { EventBus } from './bus.js';

export interface DeskSocket {
  id: string;
  actor: Actor;
  send(message: string): void;
  /** For a supervisor scoped to some agent groups: whom they supervise (kept fresh by the socket). */
  supervision?: { current: Supervision };
}

/** A role-addressed event reaches a scoped supervisor only when it is about one of theirs. */
function inScope(s: DeskSocket, about: Audience['about']): boolean {
  const scope = s.supervision?.current;
  if (!about || !scope || scope === 'all') return true;
  return (about.agentIds ?? []).some((a) => a !== null && scope.agentIds.has(a)) || (about.agentGroupIds ?? []).some((g) => g !== null && scope.groupIds.includes(g));
}

export interface InboundMessage {
  type: string;
  ref?: string | number;
  [key: string]: unknown;
}

export type MessageHandler = (actor: Actor, msg: InboundMessage, socket: DeskSocket) => Promise<unknown>;

/**
 * The agents' WebSocket hub on one instance: forwards bus events to the sockets of the event's
 * audience, and dispatches desk commands to registered handlers.
 */
export function createHub(bus: EventBus, log: Logger) {
  const sockets = new Map<string, DeskSocket>();
  // Per tenant, the sockets by user and by role: an event costs its audience, not every socket of the tenant.
  const byTenant = new Map<string, { users: Map<string, Set<DeskSocket>>; roles: Map<string, Set<DeskSocket>> }>();
  const handlers = new Map<string, MessageHandler>();

  const addTo = (m: Map<string, Set<DeskSocket>>, key: string, s: DeskSocket) => {
    let set = m.get(key);
    if (!set) m.set(key, (set = new Set()));
    set.add(s);
  };
  const removeFrom = (m: Map<string, Set<DeskSocket>>, key: string, s: DeskSocket) => {
    const set = m.get(key);
    if (!set) return;
    set.delete(s);
    if (set.size === 0) m.delete(key);
  };

  function deliver(e: DeskEvent): void {
    const tenant = byTenant.get(e.tenantId);
    if (!tenant) return;
    const { userIds, roles, about } = e.audience;
    const to = new Set<DeskSocket>();
    for (const u of userIds ?? []) for (const s of tenant.users.get(u) ?? []) to.add(s);
    for (const r of roles ?? []) for (const s of tenant.roles.get(r) ?? []) if (inScope(s, about)) to.add(s);
    if (to.size === 0) return;
    const message = JSON.stringify({ type: e.type, ...e.data });
    for (const s of to) {
      try {
        s.send(message);
      } catch (err) {
        log.warn({ err, socket: s.id }, 'send failed');
      }
    }
  }
  const unsubscribe = bus.subscribe(deliver);

  return {
    add(socket: DeskSocket) {
      sockets.set(socket.id, socket);
      let tenant = byTenant.get(socket.actor.tenantId);
      if (!tenant) byTenant.set(socket.actor.tenantId, (tenant = { users: new Map(), roles: new Map() }));
      addTo(tenant.users, socket.actor.userId, socket);
      addTo(tenant.roles, socket.actor.role, socket);
    },
    remove(socketId: string) {
      const s = sockets.get(socketId);
      if (!s) return;
      sockets.delete(socketId);
      const tenant = byTenant.get(s.actor.tenantId);
      if (!tenant) return;
      removeFrom(tenant.users, s.actor.userId, s);
      removeFrom(tenant.roles, s.actor.role, s);
      if (tenant.users.size === 0) byTenant.delete(s.actor.tenantId);
    },
    on(type: string, handler: MessageHandler) {
      handlers.set(type, handler);
    },
    handler(type: string): MessageHandler | undefined {
      return handlers.get(type);
    },
    count(): number {
      return sockets.size;
    },
    close() {
      unsubscribe();
      sockets.clear();
      byTenant.clear();
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
