import { answerBusinessCall, declineBusinessCall } from '../calls/business-calls.js';
import { placeUserCall, userHangsUp } from '../calls/user-calls.js';
import type { Engine } from '../engine.js';
import { userSendsText } from '../messages.js';
import { denyPermission, grantPermission, revokePermission } from '../permissions.js';
import { digitsOf } from '../phone.js';
import { ensureUser, findNumber, isActive, resetStore } from '../state/store.js';
import type { AudioSourceSpec, AutoPolicy, BusinessNumber, EmuCall } from '../state/types.js';
import { accountUpdate } from '../webhooks/envelope.js';
import { ControlError } from './control-error.js';
import {
  accountUpdateInput,
  advanceInput,
  audioInput,
  chaosInput,
  dtmfInput,
  parseControl,
  permissionInput,
  phoneNumberInput,
  placeCallInput,
  policyInput,
  resetInput,
  sendMessageInput,
  setClockInput,
  userInput,
  verifyWebhookInput,
  type AudioInput,
  type PermissionInput,
  type PhoneNumberInput,
  type PlaceCallInput,
  type SendMessageInput,
  type UserInput,
} from './control-schemas.js';
import { audioAnalysis, callView, messageView, noticeView, numberView, pairView, userView } from './views.js';

export type CallView = ReturnType<typeof callView>;
export type AudioView = ReturnType<typeof audioAnalysis>;
export type PhoneNumberView = ReturnType<typeof numberView>;
export type UserView = ReturnType<typeof userView>;
export type PairView = ReturnType<typeof pairView>;
export type MessageView = ReturnType<typeof messageView>;
export type NoticeView = ReturnType<typeof noticeView>;
export interface ClockView {
  now: string;
  epoch_ms: number;
  mode: 'real' | 'manual';
  pending_timers: { label: string; at: string }[];
}

export const DEFAULT_CALLING = { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' } as const;

const toAudio = (a: ReturnType<typeof audioInput.parse>): AudioSourceSpec =>
  a.kind === 'tone' ? { kind: 'tone', frequencyHz: a.frequency_hz, ...(a.amplitude !== undefined ? { amplitude: a.amplitude } : {}) } : a;

const toPolicy = (p: ReturnType<typeof policyInput.parse>): AutoPolicy =>
  p.mode === 'answer' || p.mode === 'decline' ? { mode: p.mode, afterMs: p.after_ms } : p;

/** Every control operation as a typed async function; the `/control` HTTP routes call these. */
export function createControlApi(engine: Engine) {
  const { store, clock } = engine;

  const numberOrThrow = (ref: string): BusinessNumber => {
    const n = findNumber(store, ref);
    if (!n) throw new ControlError(404, 'unknown_phone_number', `No business number ${ref} is registered (use PUT /control/phone-numbers/:phone_number_id).`);
    return n;
  };
  const callOrThrow = (id: string): EmuCall => {
    const c = store.calls.get(id);
    if (!c) throw new ControlError(404, 'unknown_call', `No call ${id}.`);
    return c;
  };
  const clockView = (): ClockView => ({
    now: new Date(clock.now()).toISOString(),
    epoch_ms: clock.now(),
    mode: clock.mode,
    pending_timers: clock.pendingTimers().map((t) => ({ label: t.label, at: new Date(t.at).toISOString() })),
  });
  const userFor = (waId: string, name?: string) => ensureUser(store, digitsOf(waId), name);

  async function endAllCallsSilently(): Promise<void> {
    for (const call of store.calls.values()) {
      for (const timer of Object.values(call.timers)) clock.cancel(timer);
      call.timers = {};
      if (isActive(call)) call.state = 'ended';
      await call.media?.close();
    }
  }

  return {
    async state() {
      return {
        clock: clockView(),
        phone_numbers: [...store.numbers.values()].map(numberView),
        users: [...store.users.values()].map(userView),
        active_calls: [...store.calls.values()].filter(isActive).map((c) => callView(engine, c)),
        recent_calls: [...store.calls.values()].slice(-20).map((c) => ({ id: c.id, direction: c.direction, state: c.state, end_status: c.endStatus ?? null, user_wa_id: c.userWaId })),
        permissions: [...store.pairs.values()].map((p) => pairView(engine, p, store.numbers.get(p.phoneNumberId))),
        chaos: { global: store.globalChaos },
        notices: store.notices.map(noticeView),
        webhooks: {
          attempts: engine.webhooks.log().length,
          failed_attempts: engine.webhooks.log().filter((a) => a.status === null || a.status >= 300).length,
        },
      };
    },

    async reset(input: { phone_numbers?: boolean } = {}) {
      const opts = parseControl(resetInput, input);
      const keep = opts.phone_numbers ? [] : [...store.numbers.values()];
      await endAllCallsSilently();
      engine.webhooks.reset();
      resetStore(store);
      for (const n of keep) store.numbers.set(n.phoneNumberId, { ...n, chaos: {} });
      return { ok: true };
    },

    clock: {
      async get() {
        return clockView();
      },
      async advance(ms: number) {
        await clock.advance(parseControl(advanceInput, { ms }).ms);
        return clockView();
      },
      async set(time: string | number | Date) {
        const value = time instanceof Date ? time.getTime() : parseControl(setClockInput, { time }).time;
        const ms = typeof value === 'number' ? value : Date.parse(value);
        if (!Number.isFinite(ms)) throw new ControlError(400, 'invalid_request', 'time: must be an ISO date or epoch milliseconds');
        await clock.set(ms);
        return clockView();
      },
    },

    async putPhoneNumber(phoneNumberId: string, input: PhoneNumberInput) {
      if (!/^\d+$/.test(phoneNumberId)) throw new ControlError(400, 'invalid_request', 'phone_number_id: must be digits');
      const body = parseControl(phoneNumberInput, input);
      const existing = store.numbers.get(phoneNumberId);
      const number: BusinessNumber = {
        phoneNumberId,
        displayPhoneNumber: body.display_phone_number,
        wabaId: body.waba_id,
        accessToken: body.access_token,
        appSecret: body.app_secret,
        ...(body.webhook_url ? { webhookUrl: body.webhook_url } : {}),
        ...(body.verify_token ? { verifyToken: body.verify_token } : {}),
        calling: body.calling ?? existing?.calling ?? { ...DEFAULT_CALLING },
        chaos: body.chaos ?? existing?.chaos ?? {},
        connectedCallLimit: body.connected_call_limit ?? engine.defaultConnectedCallLimit,
      };
      store.numbers.set(phoneNumberId, number);
      engine.logger.info({ phoneNumberId, webhookUrl: number.webhookUrl }, 'business number registered');
      return numberView(number);
    },
    async getPhoneNumber(ref: string) {
      return numberView(numberOrThrow(ref));
    },
    async listPhoneNumbers() {
      return [...store.numbers.values()].map(numberView);
    },
    async deletePhoneNumber(ref: string) {
      const n = numberOrThrow(ref);
      store.numbers.delete(n.phoneNumberId);
      return { ok: true };
    },
    /** Emits an `account_update` webhook (e.g. ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION) for the number. */
    async accountUpdate(ref: string, value: { event: string } & Record<string, unknown>) {
      const n = numberOrThrow(ref);
      engine.webhooks.send(n, accountUpdate(n, parseControl(accountUpdateInput, value)));
      return { ok: true };
    },
    /** Performs Meta's verification handshake (GET with hub.challenge) against the number's webhook URL. */
    async verifyWebhook(ref: string, input: { verify_token?: string } = {}) {
      const n = numberOrThrow(ref);
      const body = parseControl(verifyWebhookInput, input);
      if (!n.webhookUrl) throw new ControlError(409, 'no_webhook_url', 'The number has no webhook_url.');
      const challenge = String(Math.floor(Math.random() * 1e9));
      const url = new URL(n.webhookUrl);
      url.searchParams.set('hub.mode', 'subscribe');
      url.searchParams.set('hub.challenge', challenge);
      url.searchParams.set('hub.verify_token', body.verify_token ?? n.verifyToken ?? '');
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        return { verified: res.status === 200 && text === challenge, status: res.status, challenge, body: text.slice(0, 200) };
      } catch (error) {
        return { verified: false, status: null, challenge, body: String(error) };
      }
    },

    async getChaos(ref?: string) {
      return ref ? numberOrThrow(ref).chaos : store.globalChaos;
    },
    /** Sets chaos modes for one number (when `ref` is given) or for all numbers. Replaces the previous settings. */
    async setChaos(input: { duplicate?: boolean; reorder?: boolean; delay_ms?: number }, ref?: string) {
      const chaos = parseControl(chaosInput, input);
      if (ref) numberOrThrow(ref).chaos = chaos;
      else store.globalChaos = chaos;
      return chaos;
    },

    async putUser(waId: string, input: UserInput = {}) {
      const body = parseControl(userInput, input);
      if (!/^\+?\d{5,15}$/.test(waId.replace(/[\s()-]/g, ''))) throw new ControlError(400, 'invalid_request', 'wa_id: must be a phone number');
      const user = userFor(waId, body.name);
      if (body.policy) user.policy = toPolicy(body.policy);
      if (body.audio) user.audio = toAudio(body.audio);
      return userView(user);
    },
    async getUser(waId: string) {
      const user = store.users.get(digitsOf(waId));
      if (!user) throw new ControlError(404, 'unknown_user', `No simulated user ${waId}.`);
      return userView(user);
    },
    async listUsers() {
      return [...store.users.values()].map(userView);
    },

    async sendMessage(input: SendMessageInput) {
      const body = parseControl(sendMessageInput, input);
      const number = numberOrThrow(body.to);
      const id = userSendsText(engine, number, userFor(body.from), body.text);
      return { message_id: id };
    },
    async listMessages(filter: { phone_number_id?: string; user?: string; direction?: 'inbound' | 'outbound'; limit?: number } = {}) {
      let out = store.messages;
      if (filter.phone_number_id) out = out.filter((m) => m.phoneNumberId === filter.phone_number_id);
      if (filter.user) out = out.filter((m) => m.userWaId === digitsOf(filter.user!));
      if (filter.direction) out = out.filter((m) => m.direction === filter.direction);
      if (filter.limit) out = out.slice(-filter.limit);
      return out.map(messageView);
    },

    async placeCall(input: PlaceCallInput) {
      const body = parseControl(placeCallInput, input);
      const number = numberOrThrow(body.to);
      const user = userFor(body.from, body.name);
      if (body.audio) user.audio = toAudio(body.audio);
      else if (body.tone !== undefined) user.audio = { kind: 'tone', frequencyHz: body.tone };
      const call = await placeUserCall(engine, number, user, {
        ...(body.deeplink_payload !== undefined ? { deeplinkPayload: body.deeplink_payload } : {}),
        ...(body.cta_payload !== undefined ? { ctaPayload: body.cta_payload } : {}),
      });
      return callView(engine, call);
    },
    async listCalls(filter: { active?: boolean; phone_number_id?: string; user?: string } = {}) {
      let out = [...store.calls.values()];
      if (filter.active) out = out.filter(isActive);
      if (filter.phone_number_id) out = out.filter((c) => c.phoneNumberId === filter.phone_number_id);
      if (filter.user) out = out.filter((c) => c.userWaId === digitsOf(filter.user!));
      return out.map((c) => callView(engine, c));
    },
    async getCall(id: string) {
      return callView(engine, callOrThrow(id));
    },
    async getAudio(id: string, opts: { tones?: number[]; window_ms?: number } = {}) {
      return audioAnalysis(callOrThrow(id), { ...(opts.tones ? { tones: opts.tones } : {}), ...(opts.window_ms ? { windowMs: opts.window_ms } : {}) });
    },
    async hangup(id: string) {
      const call = callOrThrow(id);
      await userHangsUp(engine, call);
      return callView(engine, call);
    },
    /** The customer's phone stops sending audio without hanging up (a vanished network), for watchdog tests. */
    async dropMedia(id: string) {
      const call = callOrThrow(id);
      if (!call.media) throw new ControlError(409, 'no_media', 'The call has no media.');
      call.media.stopSending();
      return callView(engine, call);
    },
    async answer(id: string) {
      const call = callOrThrow(id);
      await answerBusinessCall(engine, call);
      return callView(engine, call);
    },
    async decline(id: string) {
      const call = callOrThrow(id);
      await declineBusinessCall(engine, call);
      return callView(engine, call);
    },
    async sendDtmf(id: string, digits: string) {
      const call = callOrThrow(id);
      const body = parseControl(dtmfInput, { digits });
      if (call.state !== 'accepted' || !call.media) throw new ControlError(409, 'not_connected', 'DTMF needs a connected call.');
      call.media.sendDtmf(body.digits);
      return { queued: body.digits };
    },
    async setPolicy(waId: string, policy: ReturnType<typeof policyInput.parse> | { mode: string; after_ms?: number }) {
      const user = userFor(waId);
      user.policy = toPolicy(parseControl(policyInput, policy));
      return userView(user);
    },
    async setAudio(waId: string, audio: AudioInput) {
      const user = userFor(waId);
      user.audio = toAudio(parseControl(audioInput, audio));
      return userView(user);
    },

    async grantPermission(input: PermissionInput) {
      const body = parseControl(permissionInput, input);
      try {
        return grantPermission(engine, numberOrThrow(body.to), userFor(body.from), {
          permanent: body.permanent ?? false,
          ...(body.via ? { via: body.via } : {}),
          ...(body.context_id ? { contextId: body.context_id } : {}),
        });
      } catch (error) {
        if (error instanceof ControlError) throw error;
        throw new ControlError(409, 'no_open_request', error instanceof Error ? error.message : String(error));
      }
    },
    async denyPermission(input: PermissionInput) {
      const body = parseControl(permissionInput, input);
      return denyPermission(engine, numberOrThrow(body.to), userFor(body.from), body.context_id ? { contextId: body.context_id } : {});
    },
    async revokePermission(input: PermissionInput) {
      const body = parseControl(permissionInput, input);
      return revokePermission(engine, numberOrThrow(body.to), userFor(body.from));
    },
    async listPermissions(filter: { phone_number_id?: string; user?: string } = {}) {
      let out = [...store.pairs.values()];
      if (filter.phone_number_id) out = out.filter((p) => p.phoneNumberId === filter.phone_number_id);
      if (filter.user) out = out.filter((p) => p.userWaId === digitsOf(filter.user!));
      return out.map((p) => pairView(engine, p, store.numbers.get(p.phoneNumberId)));
    },
    async notices() {
      return store.notices.map(noticeView);
    },
    async webhookLog(filter: { phone_number_id?: string; call_id?: string; limit?: number } = {}) {
      return engine.webhooks.log({
        ...(filter.phone_number_id ? { phoneNumberId: filter.phone_number_id } : {}),
        ...(filter.call_id ? { callId: filter.call_id } : {}),
        ...(filter.limit ? { limit: filter.limit } : {}),
      });
    },

    endAllCallsSilently,
  };
}

export type ControlApi = ReturnType<typeof createControlApi>;
