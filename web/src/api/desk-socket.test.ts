import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { createDeskSocket, reconnectDelay, UNAUTHENTICATED_CLOSE, type SocketLike, type Timers } from './desk-socket.js';
import type { ServerMessage } from './server-messages.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen?.({}); this.receive({ type: 'session.ready', user_id: 'u', role: 'agent', presence: {} }); }
  receive(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) }); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }); }
}

function fakeTimers() {
  const due: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => { due.push({ at: now + ms, fn, id: ++id }); return id; },
    clearTimeout: (h) => { const i = due.findIndex((d) => d.id === h); if (i >= 0) due.splice(i, 1); },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const d of due.filter((x) => x.at <= now).sort((a, b) => a.at - b.at)) {
        due.splice(due.indexOf(d), 1);
        d.fn();
      }
    },
  };
}

function setup() {
  const sockets: FakeSocket[] = [];
  const clock = fakeTimers();
  const desk = createDeskSocket({ url: 'ws://x/ws', connect: () => { const s = new FakeSocket(); sockets.push(s); return s; }, timers: clock.timers, random: () => 0.5 });
  return { desk, sockets, clock };
}

describe('desk socket', () => {
  it('waits 0.5 s, then doubling up to 15 s between reconnects', () => {
    expect([1, 2, 3, 6, 10].map((n) => reconnectDelay(n, () => 0.5))).toEqual([500, 1000, 2000, 15000, 15000]);
    expect(reconnectDelay(1, () => 0)).toBe(400);
    expect(reconnectDelay(1, () => 1)).toBe(600);
  });

  it('is open after session.ready and delivers server messages', () => {
    const { desk, sockets } = setup();
    const got: ServerMessage[] = [];
    desk.onMessage((m) => got.push(m));
    expect(desk.state).toBe('connecting');
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'call.offer_missed', id: 'c' });
    sockets[0]!.receive({ type: 'something.unknown' });
    expect(desk.state).toBe('open');
    expect(got.map((m) => m.type)).toEqual(['session.ready', 'call.offer_missed']);
  });

  it('settles commands with their ack or error by ref', async () => {
    const { desk, sockets } = setup();
    sockets[0]!.open();
    const ok = desk.command('call.accept', { call_id: 'c1' });
    const bad = desk.command('call.hold', { call_id: 'c1' });
    const [a, b] = sockets[0]!.sent;
    expect(a).toMatchObject({ type: 'call.accept', call_id: 'c1' });
    sockets[0]!.receive({ type: 'ack', ref: a!.ref, result: { status: 'connected' } });
    sockets[0]!.receive({ type: 'error', ref: b!.ref, error: { code: 'CALL_STATE_CHANGED', message: 'moved on' } });
    await expect(ok).resolves.toEqual({ status: 'connected' });
    await expect(bad).rejects.toMatchObject({ code: 'CALL_STATE_CHANGED' });
  });

  it('refuses commands while disconnected and fails pending ones when the connection drops', async () => {
    const { desk, sockets } = setup();
    await expect(desk.command('call.accept', {})).rejects.toMatchObject({ code: 'DESK_OFFLINE' });
    sockets[0]!.open();
    const pending = desk.command('call.hangup', { call_id: 'c' });
    sockets[0]!.drop();
    await expect(pending).rejects.toBeInstanceOf(ApiError);
    expect(desk.state).toBe('reconnecting');
  });

  it('reconnects after the back-off delay and stops after sign-out by the server', () => {
    const { desk, sockets, clock } = setup();
    sockets[0]!.open();
    sockets[0]!.drop();
    clock.advance(499);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(desk.state).toBe('open');
    sockets[1]!.drop(UNAUTHENTICATED_CLOSE);
    clock.advance(60_000);
    expect(desk.state).toBe('unauthenticated');
    expect(sockets).toHaveLength(2);
  });

  it('times out a command without an answer', async () => {
    const { desk, sockets, clock } = setup();
    sockets[0]!.open();
    const p = desk.command('call.hold', { call_id: 'c' });
    clock.advance(15_000);
    await expect(p).rejects.toMatchObject({ code: 'DESK_OFFLINE' });
  });

  it('closes for good', () => {
    const { desk, sockets, clock } = setup();
    sockets[0]!.open();
    desk.close();
    clock.advance(60_000);
    expect(desk.state).toBe('closed');
    expect(sockets).toHaveLength(1);
  });
});
