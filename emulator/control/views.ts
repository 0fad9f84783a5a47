import type { Engine } from '../engine.js';
import { permissionAt, cprUsage, connectedCallUsage } from '../rules/permission-rules.js';
import { sdpHash } from '../sdp.js';
import type { AudioSourceSpec, AutoPolicy, BusinessNumber, EmuCall, MessageRecord, PairState, SimUser, SystemNotice } from '../state/types.js';

/** JSON views of the emulator's state for the control API (snake_case, ISO times, no secrets, SDP as hashes). */
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export function numberView(n: BusinessNumber) {
  return {
    phone_number_id: n.phoneNumberId,
    display_phone_number: n.displayPhoneNumber,
    waba_id: n.wabaId,
    webhook_url: n.webhookUrl ?? null,
    calling: n.calling,
    chaos: n.chaos,
    connected_call_limit: n.connectedCallLimit,
    has_access_token: n.accessToken.length > 0,
    has_app_secret: n.appSecret.length > 0,
  };
}

export const audioView = (a: AudioSourceSpec) =>
  a.kind === 'tone' ? { kind: 'tone', frequency_hz: a.frequencyHz, ...(a.amplitude !== undefined ? { amplitude: a.amplitude } : {}) } : a.kind === 'file' ? { kind: 'file', path: a.path } : { kind: 'silence' };

export const policyView = (p: AutoPolicy) => (p.mode === 'answer' || p.mode === 'decline' ? { mode: p.mode, after_ms: p.afterMs } : { mode: p.mode });

export const userView = (u: SimUser) => ({ wa_id: u.waId, name: u.name, policy: policyView(u.policy), audio: audioView(u.audio) });

export function callView(engine: Engine, call: EmuCall) {
  const media = call.media;
  return {
    id: call.id,
    direction: call.direction,
    phone_number_id: call.phoneNumberId,
    user_wa_id: call.userWaId,
    state: call.state,
    created_at: iso(call.createdAt),
    answered_at: iso(call.answeredAt),
    accepted_at: iso(call.acceptedAt),
    ended_at: iso(call.endedAt),
    end_status: call.endStatus ?? null,
    end_reason: call.endReason ?? null,
    error_code: call.errorCode ?? null,
    duration_s: call.acceptedAt !== undefined ? Math.floor(((call.endedAt ?? engine.clock.now()) - call.acceptedAt) / 1000) : null,
    biz_opaque_callback_data: call.bizOpaqueCallbackData ?? null,
    pre_accepted: call.preAcceptSdp !== undefined,
    sdp: {
      offer_hash: call.offerSdp ? sdpHash(call.offerSdp) : null,
      answer_hash: call.answerSdp ? sdpHash(call.answerSdp) : null,
    },
    violations: call.violations.map((v) => ({ type: v.type, at: iso(v.at), packets: v.packets, detail: v.detail })),
    media: media ? { connection_state: media.connectionState(), sent: { ...media.sent(), source: audioView(media.sent().source) }, received: media.recorder.stats() } : null,
  };
}

export function audioAnalysis(call: EmuCall, opts: { tones?: number[]; windowMs?: number }) {
  const media = call.media;
  if (!media) return { call_id: call.id, received: null, sent: null, dominant_frequency_hz: null, tone_levels: {} as Record<string, number> };
  const windowMs = opts.windowMs ?? 500;
  const levels: Record<string, number> = {};
  for (const f of opts.tones ?? []) levels[String(f)] = Number(media.recorder.toneLevel(f, windowMs).toFixed(4));
  return {
    call_id: call.id,
    window_ms: windowMs,
    dominant_frequency_hz: media.recorder.dominantFrequencyHz(windowMs),
    tone_levels: levels,
    received: media.recorder.stats(),
    sent: { ...media.sent(), source: audioView(media.sent().source) },
  };
}

export function pairView(engine: Engine, pair: PairState, number: BusinessNumber | undefined) {
  const now = engine.clock.now();
  const p = permissionAt(pair, now);
  return {
    phone_number_id: pair.phoneNumberId,
    user_wa_id: pair.userWaId,
    permission: { status: p.status, expires_at: p.status === 'temporary' ? iso(p.expiresAt) : null },
    permission_requests: pair.requests.map((r) => ({ id: r.wamid, sent_at: iso(r.sentAt), response: r.response ?? null, responded_at: iso(r.respondedAt) })),
    request_limits: cprUsage(pair, now).map((u) => ({ period: u.period, max: u.max, used: u.used, resets_at: u.used >= u.max ? iso(u.resetsAt) : null })),
    connected_calls_24h: number ? connectedCallUsage(pair, now, number.connectedCallLimit).used : null,
    consecutive_missed_calls: pair.consecutiveMisses,
    customer_window_until: pair.lastUserActivityAt === undefined ? null : iso(pair.lastUserActivityAt + 86_400_000),
  };
}

export const messageView = (m: MessageRecord) => ({
  id: m.id,
  direction: m.direction,
  phone_number_id: m.phoneNumberId,
  user_wa_id: m.userWaId,
  at: iso(m.at),
  type: m.type,
  body: m.body,
});

export const noticeView = (n: SystemNotice) => ({ at: iso(n.at), phone_number_id: n.phoneNumberId, user_wa_id: n.userWaId, kind: n.kind, text: n.text });
