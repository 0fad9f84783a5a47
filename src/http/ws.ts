import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from '../app/actor.js';
import type { Services } from '../app/services.js';
import type { Hub, InboundMessage } from '../realtime/hub.js';
import { toErrorResponse } from './errors.js';
import { SESSION_COOKIE } from './register.js';

/** How often a supervisor's socket re-reads whom they supervise. */
const SUPERVISION_REFRESH_MS = 15_000;

const MAX_MESSAGE = 256 * 1024;

/**
 * `GET /ws`: the desk's live channel. Authenticated by the session cookie or `?token=`. Server
 * messages are `{"type":"<noun>.<verb>", ...}`; client commands get `{"type":"ack"|"error","ref"}`.
 */
export function registerDeskSocket(app: FastifyInstance, services: Services, hub: Hub): void {
  app.get('/ws', { websocket: true }, (socket: WebSocket, req) => {
    const query = req.query as Record<string, string | undefined>;
    const token = query.token ?? req.cookies?.[SESSION_COOKIE] ?? null;
    const id = crypto.randomUUID();
    let actor: Actor | null = null;
    let closed = false;
    const pending: string[] = [];

    const send = (msg: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    };

    async function handle(raw: string): Promise<void> {
      if (!actor) return;
      let msg: InboundMessage;
      try {
        msg = JSON.parse(raw) as InboundMessage;
        if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') throw new Error('no type');
      } catch {
        send({ type: 'error', error: { code: 'INVALID_JSON', message: 'Each message is one JSON object with a "type".' } });
        return;
      }
      if (msg.type === 'ping') return send({ type: 'pong', ref: msg.ref ?? null });
      const handler = hub.handler(msg.type);
      if (!handler) {
        send({ type: 'error', ref: msg.ref ?? null, error: { code: 'ROUTE_NOT_FOUND', message: `Unknown message type ${msg.type}.` } });
        return;
      }
      try {
        const result = await handler(actor, msg, { id, actor, send: (m) => send(m) });
        send({ type: 'ack', ref: msg.ref ?? null, result: result ?? null });
      } catch (err) {
        const { body, unexpected } = toErrorResponse(err);
        if (unexpected) req.log.error({ err, type: msg.type }, 'desk command failed');
        send({ type: 'error', ref: msg.ref ?? null, error: body.error });
      }
    }

    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const raw = data.toString();
      if (raw.length > MAX_MESSAGE) return send({ type: 'error', error: { code: 'PAYLOAD_TOO_LARGE', message: 'Message too large.' } });
      if (!actor) pending.push(raw);
      else void handle(raw);
    });

    socket.on('close', () => {
      closed = true;
      hub.remove(id);
      if (actor) {
        const a = actor;
        services.presence.deskDisconnected(a, id).catch((err) => req.log.error({ err }, 'desk disconnect bookkeeping failed'));
      }
    });

    void (async () => {
      const resolved = token ? await services.auth.resolve(token).catch(() => null) : null;
      if (!resolved) {
        send({ type: 'error', error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
        socket.close(4401, 'unauthenticated');
        return;
      }
      if (closed) return;
      await services.presence.deskConnected(resolved, id);
      if (closed) {
        await services.presence.deskDisconnected(resolved, id);
        return;
      }
      actor = resolved;
      // A supervisor's scope is read at connect and refreshed while the socket lives (group changes).
      const supervision = resolved.role === 'supervisor' ? { current: await services.supervision(resolved) } : undefined;
      if (supervision) {
        const refresh = setInterval(() => {
          services.supervision(resolved).then((s) => { supervision.current = s; }, () => {});
        }, SUPERVISION_REFRESH_MS);
        refresh.unref();
        socket.once('close', () => clearInterval(refresh));
      }
      if (closed) return;
      hub.add({ id, actor: resolved, send: (m) => send(m), ...(supervision ? { supervision } : {}) });
      const presence = await services.presence.view(resolved, resolved.userId);
      send({ type: 'session.ready', user_id: resolved.userId, role: resolved.role, presence });
      for (const raw of pending.splice(0)) await handle(raw);
    })().catch((err) => {
      req.log.error({ err }, 'desk socket set-up failed');
      socket.close(1011, 'server error');
    });
  });
}
