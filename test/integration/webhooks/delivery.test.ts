import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../../src/app/ports/provider-event.js';
import { eventually, type Desk } from '../../support/desk.js';
import { createWorld, type World } from '../../support/world.js';
import { deliverSigned, envelopeFor, textFrom } from './support.js';

/**
 * Webhooks are stored under a unique key before they are applied, acknowledged at once, applied
 * per call in order; duplicates and reordering (Meta guarantees neither) change nothing.
 */
describe('webhook delivery: durable, idempotent, ordered', () => {
  let w: World;
  let desk: Desk;
  let n = 0;
  const customer = () => `+628131${String(1_000_000 + ++n)}`;
  beforeAll(async () => {
    w = await createWorld({ agents: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
    desk = await w.desk(w.tenant.agents[0]!);
    await w.available(w.tenant.agents[0]!);
  });
  afterAll(async () => w?.stop());

  const db = () => w.app.database.db;
  const idle = () => w.app.services.providerEvents.idle();
  const callsOf = (providerCallId: string) => db().selectFrom('calls').selectAll().where('provider_call_id', '=', providerCallId).execute();
  const offersOf = async (callId: string) => db().selectFrom('call_offers').select('id').where('call_id', '=', callId).execute();
  const offeredOnDesk = (callId: string) => desk.of('call.offered').filter((m) => m.id === callId).length;
  const connectFor = (providerCallId: string, from: string) => envelopeFor(w, 'calls', {
    contacts: [{ profile: { name: 'Sari' }, wa_id: from.slice(1) }],
    calls: [{ id: providerCallId, from: from.slice(1), to: w.channel.displayNumber.slice(1), event: 'connect', timestamp: String(Math.floor(w.app.clock.now().getTime() / 1000)), direction: 'USER_INITIATED', session: { sdp_type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } }],
  });
  /** Waits until the emulator has delivered every webhook of the call and the server applied them. */
  const settled = async (callId: string, deliveries: number) => {
    await eventually(async () => {
      const log = await w.emu.control.webhookLog({ call_id: callId });
      return log.length >= deliveries && log.every((a) => a.status === 200);
    }, `${deliveries} deliveries of ${callId}`);
    await idle();
  };

  it('a redelivered message is acknowledged and not applied twice', async () => {
    const from = customer();
    const body = textFrom(w, from, 'Halo, pesanan saya?');
    const first = await deliverSigned(w, body);
    const again = await deliverSigned(w, body);
    expect(first).toMatchObject({ status: 200, body: { received: 1, new: 1 } });
    expect(again).toMatchObject({ status: 200, body: { received: 1, new: 0 } });
    await idle();
    const msgs = await db().selectFrom('messages').select(['body']).where('body', '=', 'Halo, pesanan saya?').execute();
    expect(msgs).toHaveLength(1);
    await desk.next('message.created', (m) => (m.message as { body?: string }).body === 'Halo, pesanan saya?');
    expect(desk.of('message.created').filter((m) => (m.message as { body?: string }).body === 'Halo, pesanan saya?')).toHaveLength(1);
  });

  it('a NUL character in a customer\'s text (which PostgreSQL cannot store) does not make the delivery fail', async () => {
    const res = await deliverSigned(w, textFrom(w, customer(), 'nul\u0000here'));
    expect(res).toMatchObject({ status: 200, body: { new: 1 } });
    await idle();
    expect(await db().selectFrom('messages').select('body').where('body', '=', 'nulhere').execute()).toHaveLength(1);
  });

  it('a text that looks like a timestamp stays text after storage', async () => {
    expect((await deliverSigned(w, textFrom(w, customer(), '2026-03-02T03:00:00.000Z'))).status).toBe(200);
    await idle();
    expect(await db().selectFrom('messages').select('body').where('body', '=', '2026-03-02T03:00:00.000Z').execute()).toHaveLength(1);
  });

  it('a redelivered call connect is acknowledged and the call is not routed again', async () => {
    const wacid = `wacid.REDELIVERED${Date.now()}`;
    const body = connectFor(wacid, customer());
    expect((await deliverSigned(w, body)).status).toBe(200);
    await idle();
    expect((await deliverSigned(w, body))).toMatchObject({ status: 200, body: { new: 0 } });
    await idle();
    const [call, ...more] = await callsOf(wacid);
    expect(more).toEqual([]);
    await desk.next('call.offered', (m) => m.id === call!.id);
    expect(await offersOf(call!.id)).toHaveLength(1);
    expect(offeredOnDesk(call!.id)).toBe(1);
    const journal = await db().selectFrom('call_journey').select('event').where('call_id', '=', call!.id).execute();
    expect(journal.filter((j) => j.event === 'received')).toHaveLength(1);
    // The caller gives up: the agent is free again for the next tests.
    await deliverSigned(w, envelopeFor(w, 'calls', { calls: [{ id: wacid, event: 'terminate', direction: 'USER_INITIATED', timestamp: String(Math.floor(w.app.clock.now().getTime() / 1000)), status: 'FAILED' }] }));
    await idle();
    await eventually(async () => (await callsOf(wacid))[0]!.status === 'ended', 'call ended');
  });

  it('with chaos "duplicate" every webhook arrives twice and the outcome is the same', async () => {
    await w.emu.control.setChaos({ duplicate: true }, w.channel.phoneNumberId);
    try {
      const from = customer();
      await w.emu.control.sendMessage({ from, to: w.channel.phoneNumberId, text: 'dua kali?' });
      const placed = await w.emu.control.placeCall({ from, to: w.channel.phoneNumberId });
      const row = await eventually(async () => (await callsOf(placed.id))[0], 'call recorded');
      await desk.next('call.offered', (m) => m.id === row.id);
      await w.emu.control.hangup(placed.id);
      await settled(placed.id, 4); // connect ×2, terminate ×2
      const log = await w.emu.control.webhookLog({ call_id: placed.id });
      expect(log.filter((a) => a.duplicate)).toHaveLength(2);

      const calls = await callsOf(placed.id);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ status: 'ended', result: 'user_abandon' });
      expect(await offersOf(calls[0]!.id)).toHaveLength(1);
      expect(offeredOnDesk(calls[0]!.id)).toBe(1);
      const texts = await db().selectFrom('messages').select('id').where('body', '=', 'dua kali?').execute();
      expect(texts).toHaveLength(1);
      const stored = await db().selectFrom('webhook_events').select('event_key').where('event_key', 'like', `call:${placed.id}:%`).execute();
      expect(stored.map((s) => s.event_key).sort()).toEqual([`call:${placed.id}:connect`, `call:${placed.id}:terminate`]);
    } finally {
      await w.emu.control.setChaos({}, w.channel.phoneNumberId);
    }
  });

  it('with chaos "reorder" (terminate before connect) the call ends right and no agent is offered it', async () => {
    // The agent could take a call: not being offered one below is the reorder's doing.
    const agent = w.tenant.agents[0]!;
    await eventually(async () => (await db().selectFrom('agent_presence').select('status').where('user_id', '=', agent.id).executeTakeFirstOrThrow()).status === 'available', 'agent available');
    await w.emu.control.setChaos({ reorder: true }, w.channel.phoneNumberId);
    try {
      const placed = await w.emu.control.placeCall({ from: customer(), to: w.channel.phoneNumberId });
      await w.emu.control.hangup(placed.id);
      await settled(placed.id, 2);
      const log = await w.emu.control.webhookLog({ call_id: placed.id });
      expect(log.map((a) => a.summary)).toEqual(['calls/terminate', 'calls/connect']);
      const calls = await callsOf(placed.id);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ direction: 'inbound', status: 'ended', result: 'user_abandon', agent_id: null });
      expect(await offersOf(calls[0]!.id)).toEqual([]);
      expect(offeredOnDesk(calls[0]!.id)).toBe(0);
      // The late connect was stored (acknowledged) and applied as a no-op.
      const connect = await db().selectFrom('webhook_events').select(['applied_at', 'last_error']).where('event_key', '=', `call:${placed.id}:connect`).executeTakeFirstOrThrow();
      expect(connect.applied_at).not.toBeNull();
      expect(connect.last_error).toBeNull();
    } finally {
      await w.emu.control.setChaos({}, w.channel.phoneNumberId);
    }
  });

  it('events stored but never applied (a crash after the 200) are applied by applyPending', async () => {
    const from = customer();
    const event: ProviderEvent = {
      kind: 'message.received', key: 'msg:wamid.CRASHED-BEFORE-APPLY', at: w.app.clock.now(), from, contactName: 'Sari', providerMessageId: 'wamid.CRASHED-BEFORE-APPLY',
      message: { type: 'text', text: 'stored, then the server died', media: null, contextId: null },
    };
    await db().insertInto('webhook_events').values({
      id: w.app.ids.next(), provider: 'meta', event_key: event.key, tenant_id: w.tenant.tenantId, channel_id: w.channel.id, kind: event.kind,
      payload: JSON.stringify(event), received_at: w.app.clock.now(),
    }).execute();
    expect(await db().selectFrom('messages').select('id').where('provider_message_id', '=', 'wamid.CRASHED-BEFORE-APPLY').execute()).toEqual([]);

    expect(await w.app.services.providerEvents.applyPending()).toBeGreaterThanOrEqual(1);
    const msg = await db().selectFrom('messages').select(['body', 'created_at']).where('provider_message_id', '=', 'wamid.CRASHED-BEFORE-APPLY').executeTakeFirstOrThrow();
    expect(msg.body).toBe('stored, then the server died');
    const row = await db().selectFrom('webhook_events').select(['applied_at', 'attempts']).where('event_key', '=', event.key).executeTakeFirstOrThrow();
    expect(row.applied_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    // A second sweep finds nothing left to do and does not apply it again.
    await w.app.services.providerEvents.applyPending();
    expect(await db().selectFrom('messages').select('id').where('provider_message_id', '=', 'wamid.CRASHED-BEFORE-APPLY').execute()).toHaveLength(1);
  });

  it('an event whose application fails stays pending with its error, and a later sweep applies it', async () => {
    const handlers = w.app.services.providerEvents.handlers;
    const original = handlers.accountUpdate;
    let failing = true;
    const applied: string[] = [];
    handlers.accountUpdate = async (_ch, e) => {
      if (failing) throw new Error('database hiccup');
      applied.push(e.key);
    };
    try {
      const body = { object: 'whatsapp_business_account', entry: [{ id: w.channel.wabaId, time: 1772420401, changes: [{ field: 'account_update', value: { phone_number: w.channel.displayNumber.slice(1), event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'LOW_USER_INITIATED_CALLING_QUALITY' } } }] }] };
      expect((await deliverSigned(w, body)).status).toBe(200);
      await idle();
      const pending = await db().selectFrom('webhook_events').select(['event_key', 'applied_at', 'attempts', 'last_error']).where('kind', '=', 'account.update').where('tenant_id', '=', w.tenant.tenantId).executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ applied_at: null, attempts: 1, last_error: 'database hiccup' });
      failing = false;
      await w.app.services.providerEvents.applyPending();
      expect(applied).toEqual([pending.event_key]);
      const done = await db().selectFrom('webhook_events').select(['applied_at', 'attempts', 'last_error']).where('event_key', '=', pending.event_key).executeTakeFirstOrThrow();
      expect(done).toMatchObject({ attempts: 2, last_error: null });
      expect(done.applied_at).not.toBeNull();
    } finally {
      handlers.accountUpdate = original;
    }
  });

  it('an event type we do not handle is logged, stored and acknowledged with 200', async () => {
    const body = { object: 'whatsapp_business_account', entry: [{ id: w.channel.wabaId, changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 594425479261596, message_template_name: 'missed_call_followup', message_template_language: 'id' } }] }] };
    const res = await deliverSigned(w, body);
    expect(res).toMatchObject({ status: 200, body: { received: 1, new: 1 } });
    await idle();
    const row = await db().selectFrom('webhook_events').select(['kind', 'applied_at', 'payload']).where('tenant_id', '=', w.tenant.tenantId).where('kind', '=', 'unhandled').executeTakeFirstOrThrow();
    expect(row.applied_at).not.toBeNull();
    expect(row.payload).toMatchObject({ field: 'message_template_status_update' });
  });

  it('a batch of entries × changes is stored change by change; changes for numbers we do not know are skipped', async () => {
    const from = customer();
    const message = textFrom(w, from, 'batched one').entry[0]!.changes[0]!;
    const terminate = envelopeFor(w, 'calls', { calls: [{ id: 'wacid.BATCHED-UNKNOWN', from: from.slice(1), event: 'terminate', direction: 'USER_INITIATED', timestamp: '1772420400', status: 'FAILED' }] }).entry[0]!.changes[0]!;
    const foreign = { ...textFrom(w, from, 'not ours').entry[0]!.changes[0]!, value: { ...textFrom(w, from, 'not ours').entry[0]!.changes[0]!.value, metadata: { phone_number_id: '100000000009999' } } };
    const body = { object: 'whatsapp_business_account', entry: [{ id: w.channel.wabaId, changes: [message, terminate] }, { id: '200000000009999', changes: [foreign] }] };
    const res = await deliverSigned(w, body);
    expect(res).toMatchObject({ status: 200, body: { received: 2, new: 2 } });
    await idle();
    expect(await db().selectFrom('messages').select('body').where('body', 'in', ['batched one', 'not ours']).execute()).toEqual([{ body: 'batched one' }]);
    expect(await callsOf('wacid.BATCHED-UNKNOWN')).toHaveLength(1);
  });

  it('the POST answers before the events are applied, and fast', async () => {
    const handlers = w.app.services.providerEvents.handlers;
    const original = handlers.accountUpdate;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    handlers.accountUpdate = async () => {
      started = true;
      await gate;
    };
    try {
      const body = { object: 'whatsapp_business_account', entry: [{ id: w.channel.wabaId, time: 1772420402, changes: [{ field: 'account_update', value: { phone_number: w.channel.displayNumber.slice(1), event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'LOW_BUSINESS_INITIATED_CALLING_QUALITY' } } }] }] };
      const res = await deliverSigned(w, body);
      expect(res.status).toBe(200);
      await eventually(() => started, 'handler started');
      const row = await db().selectFrom('webhook_events').select('applied_at').where('kind', '=', 'account.update').where('payload', '@>', JSON.stringify({ violationType: 'LOW_BUSINESS_INITIATED_CALLING_QUALITY' }) as never).executeTakeFirstOrThrow();
      expect(row.applied_at).toBeNull(); // answered 200 while the event is still being applied
      release();
      await idle();
    } finally {
      handlers.accountUpdate = original;
      release();
    }

    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push((await deliverSigned(w, textFrom(w, customer(), `timing ${i}`))).ms);
    await idle();
    times.sort((a, b) => a - b);
    const p50 = times[15]!;
    const p95 = times[28]!;
    console.log(JSON.stringify({ bench: 'webhook_post', db: process.env.TEST_DB ?? 'pglite', posts: times.length, p50_ms: +p50.toFixed(1), p95_ms: +p95.toFixed(1) }));
    expect(p50).toBeLessThan(250);
    expect(await db().selectFrom('messages').select('id').where('body', 'like', 'timing %').execute()).toHaveLength(30);
  });
});
