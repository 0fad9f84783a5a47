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
  const byTenant = new Map<string, Set<DeskSocket>>();
  const handlers = new Map<string, MessageHandler>();

  function deliver(e: DeskEvent): void {
    const set = byTenant.get(e.tenantId);
    if (!set) return;
    const message = JSON.stringify({ type: e.type, ...e.data });
    for (const s of set) {
      const { userIds, roles, about } = e.audience;
      if ((userIds && userIds.includes(s.actor.userId)) || (roles && roles.includes(s.actor.role) && inScope(s, about))) {
        try {
          s.send(message);
        } catch (err) {
          log.warn({ err, socket: s.id }, 'send failed');
        }
      }
    }
  }
  const unsubscribe = bus.subscribe(deliver);

  return {
    add(socket: DeskSocket) {
      sockets.set(socket.id, socket);
      let set = byTenant.get(socket.actor.tenantId);
      if (!set) byTenant.set(socket.actor.tenantId, (set = new Set()));
      set.add(socket);
    },
    remove(socketId: string) {
      const s = sockets.get(socketId);
      if (!s) return;
      sockets.delete(socketId);
      byTenant.get(s.actor.tenantId)?.delete(s);
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
