import { ApiError, DESK_OFFLINE, isApiError } from '../api/api-error.js';
import type { Api } from '../api/api.js';
import { createDeskSocket, type DeskSocket } from '../api/desk-socket.js';
import type { ServerMessage } from '../api/server-messages.js';
import type { CallSummary, Conversation, Presence, User } from '../api/types.js';
import type { DeskCommands } from '../actions/action.js';
import type { Translate } from '../i18n/translate.js';
import { notifyIncomingCall } from '../media/browser-permissions.js';
import { createCallAudio } from '../media/call-audio.js';
import { createMonitorAudio } from '../media/monitor-audio.js';
import { createRingtone } from '../media/ringtone.js';
import type { MonitorMode } from '../api/supervisor-api.js';
import { businessRecordUiReducer, initialBusinessRecordUi } from '../state/business-record-state.js';
import { conversationsReducer, initialConversationsState } from '../state/conversations-state.js';
import { createReducerStore, createStore } from '../state/create-store.js';
import { deskReducer, initialDeskState, ringingOffers, type CallParty, type DeskCall } from '../state/desk-state.js';
import { monitorReducer, type MonitorState } from '../state/monitor-state.js';
import { loadPreferences, savePreferences, type Preferences } from '../state/preferences.js';
import { emptyReferenceData, type ReferenceData } from '../state/reference-data.js';
import { toastsReducer, type Toast } from '../state/toasts.js';
import { refusalMessage } from '../viewmodels/refusal-message.js';

export interface DeskRuntimeOptions {
  api: Api;
  user: User;
  presence: Presence;
  translate: () => Translate;
  formatDateTime: (iso: string) => string;
  storage: Storage | null;
  wsUrl?: string;
}

const defaultWsUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

/**
 * Everything a signed-in desk runs: the WebSocket, the stores the pages read, the call commands the
 * actions perform, the audio leg, the ringtone and notifications. Built after sign-in, closed at
 * sign-out. The only place where server messages turn into state.
 */
export function createDeskRuntime(opts: DeskRuntimeOptions) {
  const { api, translate } = opts;
  const desk = createReducerStore(deskReducer(initialDeskState, { kind: 'signed_in', userId: opts.user.id, presence: opts.presence }), deskReducer);
  const conversations = createReducerStore(initialConversationsState, conversationsReducer);
  const toasts = createReducerStore<Toast[], Parameters<typeof toastsReducer>[1]>([], toastsReducer);
  const reference = createStore<ReferenceData>(emptyReferenceData);
  const preferences = createStore<Preferences>(loadPreferences(opts.storage));
  const remoteStreams = createStore<MediaStream[]>([]);
  const user = createStore<User>(opts.user);
  const monitor = createReducerStore<MonitorState, Parameters<typeof monitorReducer>[1]>(null, monitorReducer);
  const monitorStreams = createStore<MediaStream[]>([]);
  const businessRecords = createReducerStore(initialBusinessRecordUi, businessRecordUiReducer);
  const ringtone = createRingtone();
  let toastId = 0;
  const cleanups: (() => void)[] = [];

  preferences.subscribe(() => savePreferences(opts.storage, preferences.get()));

  const notify = (toast: Omit<Toast, 'id'>) => toasts.dispatch({ kind: 'push', toast, id: ++toastId });
  const refuse = (e: unknown) => {
    const err = isApiError(e) ? e : new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), details: null }, 0);
    const m = refusalMessage({ code: err.code, message: err.message, details: err.details }, translate(), opts.formatDateTime);
    notify({ tone: 'error', title: m.title, body: m.body });
  };

  const socket: DeskSocket = createDeskSocket({ url: opts.wsUrl ?? defaultWsUrl() });
  cleanups.push(socket.onState((s) => desk.dispatch({ kind: 'socket', state: s })));

  const audio = createCallAudio({
    sendAnswer: (a) => socket.command('media.answer', { ...a }),
    microphoneId: () => preferences.get().microphoneId,
    onStreams: (s) => remoteStreams.set(s),
    onError: (e) => {
      const t = translate();
      notify({ tone: 'error', title: t('audio.failed.title'), body: e instanceof DOMException && e.name === 'NotAllowedError' ? t('audio.failed.microphone') : t('audio.failed.body'), sticky: true });
    },
  });

  // A supervisor's listen / whisper / barge leg, apart from the agent leg above.
  const monitorAudio = createMonitorAudio({
    sendAnswer: (a) => socket.command('media.answer', { ...a }),
    microphoneId: () => preferences.get().microphoneId,
    onStreams: (s) => {
      monitorStreams.set(s);
      const m = monitor.get();
      if (m) monitor.dispatch({ kind: 'audio', callId: m.callId, streams: s.length });
    },
    onError: (e) => {
      const m = monitor.get();
      if (m) monitor.dispatch({ kind: 'failed', callId: m.callId });
      const t = translate();
      notify({ tone: 'error', title: t('monitor.failedTitle'), body: e instanceof DOMException && e.name === 'NotAllowedError' ? t('audio.failed.microphone') : t('monitor.failedBody') });
    },
  });

  /** A call command over the WebSocket, or over HTTP when the socket is down. */
  async function run(type: string, payload: Record<string, unknown>, http: () => Promise<CallSummary>): Promise<CallSummary | null> {
    try {
      return (await socket.command(type, payload)) as CallSummary | null;
    } catch (e) {
      if (isApiError(e) && e.code === DESK_OFFLINE) return http();
      throw e;
    }
  }

  const sync = (summary: CallSummary | null, extra: { customer?: CallParty; channel?: DeskCall['channel'] } = {}) => {
    if (summary && typeof summary === 'object' && 'status' in summary) desk.dispatch({ kind: 'call_synced', call: summary, ...extra });
  };

  async function guarded(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      refuse(e);
    }
  }

  const commands: DeskCommands = {
    accept: (id) => guarded(async () => {
      void ringtone.unlock();
      sync(await run('call.accept', { call_id: id }, () => api.callAction(id, 'accept')));
    }),
    decline: (id) => guarded(async () => {
      desk.dispatch({ kind: 'declined', callId: id });
      await run('call.reject', { call_id: id }, () => api.callAction(id, 'reject'));
    }),
    hold: (id) => guarded(async () => sync(await run('call.hold', { call_id: id }, () => api.callAction(id, 'hold')))),
    resume: (id) => guarded(async () => sync(await run('call.resume', { call_id: id }, () => api.callAction(id, 'resume')))),
    setMuted: (id, muted) => guarded(async () => {
      audio.setMuted(muted);
      desk.dispatch({ kind: 'muted', callId: id, muted });
      try {
        sync(await run('call.mute', { call_id: id, muted }, () => api.mute(id, muted)));
      } catch (e) {
        audio.setMuted(!muted);
        desk.dispatch({ kind: 'muted', callId: id, muted: !muted });
        throw e;
      }
    }),
    hangup: (id) => guarded(async () => sync(await run('call.hangup', { call_id: id }, () => api.callAction(id, 'hangup')))),
    dismissCall: () => desk.dispatch({ kind: 'dismiss_call' }),
  };

  /** Extra call commands that take arguments (dial pad, transfer, outbound). */
  const calls = {
    dtmf: (id: string, digits: string) => guarded(async () => {
      sync(await run('call.dtmf', { call_id: id, digits }, () => api.dtmf(id, digits)));
    }),
    transfer: (id: string, target: { agent_group_id?: string; agent_id?: string }) => guarded(async () => {
      sync(await run('call.transfer', { call_id: id, ...target }, () => api.transfer(id, target)));
      notify({ tone: 'success', title: translate()('transfer.done') });
    }),
    /** Places a business-initiated call from a room; refusals come back to the caller to explain in place. */
    async placeOutbound(room: Conversation): Promise<void> {
      void ringtone.unlock();
      const summary = await api.placeCall(room.id);
      const channel = reference.get().channels.find((c) => c.id === room.channel_id);
      if (summary.permission_warning) {
        const t = translate();
        notify({ tone: 'warning', title: t('permission.warningTitle'), body: t('permission.warning', { count: 2 }) });
      }
      sync(summary, {
        customer: { number: room.contact.phone, name: room.contact.name },
        ...(channel ? { channel: { id: channel.id, name: channel.name, number: channel.display_number } } : {}),
      });
    },
    /** Calls a record's contact on its channel (Callback); refusals come back to the caller to explain in place. */
    async callContact(contact: { id: string; number: string; name: string | null }, channelId: string): Promise<void> {
      void ringtone.unlock();
      const summary = await api.callContact(contact.id, channelId);
      const channel = reference.get().channels.find((c) => c.id === channelId);
      sync(summary, {
        customer: { number: contact.number, name: contact.name },
        ...(channel ? { channel: { id: channel.id, name: channel.name, number: channel.display_number } } : {}),
      });
    },
    switchMicrophone: async (deviceId: string | null) => {
      preferences.set((p) => ({ ...p, microphoneId: deviceId }));
      await audio.switchMicrophone().catch(refuse);
    },
  };

  async function loadRoom(id: string): Promise<void> {
    try {
      conversations.dispatch({ kind: 'room_loaded', room: await api.conversation(id) });
    } catch {
      // not visible to this desk (any more)
    }
  }

  const pendingNotifications = new Map<string, () => void>();
  function onMessage(m: ServerMessage): void {
    const before = desk.get();
    desk.dispatch({ kind: 'server', message: m, now: Date.now() });
    const t = translate();
    switch (m.type) {
      case 'media.offer':
        if (m.role === 'agent' || m.role === undefined) void audio.handleOffer(m);
        else if (monitor.get()?.callId === m.call_id) {
          monitor.dispatch({ kind: 'offer', callId: m.call_id, role: m.role });
          void monitorAudio.handleOffer(m);
        }
        break;
      case 'call.ended':
        if (monitor.get()?.callId === m.id) {
          monitorAudio.closeFor(m.id);
          monitor.dispatch({ kind: 'call_ended', callId: m.id });
          notify({ tone: 'info', title: t('monitor.endedTitle') });
        }
        break;
      case 'business_record.required':
        if (m.agent_id === desk.get().userId) {
          businessRecords.dispatch({ kind: 'required', callId: m.call_id, channelId: m.channel_id, paused: m.paused });
          notify({ tone: 'warning', title: t('record.requiredTitle'), body: m.paused ? t('record.requiredPaused') : t('record.requiredBody') });
        }
        break;
      case 'business_record.updated':
        if (m.record.disposition) businessRecords.dispatch({ kind: 'disposed', callId: m.call_id });
        break;
      case 'call.offered':
        if (!m.auto_answer && !before.offers.some((o) => o.id === m.id)) {
          const close = notifyIncomingCall(t('notify.incomingTitle'), `${m.contact_name ?? m.ani} · ${m.channel.name}`, m.id);
          if (close) pendingNotifications.set(m.id, close);
        }
        break;
      case 'call.hold_retrieved':
        notify({ tone: 'warning', title: t('widget.retrievedTitle'), body: t('widget.retrievedBody') });
        break;
      case 'presence.auto_paused':
        if (m.user_id === desk.get().userId) notify({ tone: 'warning', title: t('status.autoPausedTitle'), body: t('status.autoPausedBody', { count: m.missed_in_row }), sticky: true });
        break;
      case 'message.created':
        if (!conversations.get().rooms[m.conversation_id]) void loadRoom(m.conversation_id);
        conversations.dispatch({ kind: 'message', roomId: m.conversation_id, message: m.message });
        break;
      case 'message.status':
        conversations.dispatch({ kind: 'message_status', roomId: m.conversation_id, messageId: m.message_id, status: m.status });
        break;
      case 'conversation.created':
      case 'conversation.reopened':
        void loadRoom(m.conversation_id);
        break;
      case 'conversation.updated':
        conversations.dispatch({ kind: 'room_loaded', room: m.conversation });
        break;
      case 'call_permission.updated':
        if (m.conversation_id) conversations.dispatch({ kind: 'permission_changed', roomId: m.conversation_id });
        break;
      case 'call_permission.warning':
        notify({
          tone: 'warning', sticky: m.revoked,
          title: m.revoked ? t('permission.revokedTitle') : t('permission.warningTitle'),
          body: m.revoked ? t('permission.revokedBody', { count: m.consecutive_unanswered }) : t('permission.warning', { count: m.consecutive_unanswered }),
        });
        break;
      default:
        break;
    }
  }
  cleanups.push(socket.onMessage(onMessage));

  // Ringtone and notifications follow the offers: ring while one rings and no call is in progress.
  let wasReady = false;
  let shownCall: DeskCall | null = null;
  cleanups.push(desk.subscribe(() => {
    const s = desk.get();
    // The audio leg ends with the call on this desk (ended, transferred away, replaced).
    if (shownCall && shownCall.status !== 'ended' && (!s.call || s.call.id !== shownCall.id || s.call.status === 'ended')) audio.closeFor(shownCall.id);
    shownCall = s.call;
    const ringing = ringingOffers(s).filter((o) => !o.auto_answer);
    if (ringing.length > 0 && !(s.call && s.call.status !== 'ended')) ringtone.start();
    else ringtone.stop();
    for (const [id, close] of pendingNotifications) {
      if (!ringing.some((o) => o.id === id)) {
        close();
        pendingNotifications.delete(id);
      }
    }
    // After a reconnect, refresh what may have changed meanwhile.
    const ready = s.socket === 'open';
    if (ready && !wasReady) void refreshAfterConnect();
    wasReady = ready;
  }));

  async function refreshAfterConnect(): Promise<void> {
    try {
      const me = await api.me();
      desk.dispatch({ kind: 'presence', presence: me.presence });
      user.set(me.user);
      const current = me.presence.current_call_id;
      if (current && !desk.get().call) {
        const c = await api.call(current);
        sync(c, { customer: { number: c.customer_number, name: c.contact_name } });
      }
      // Loaded (or reconnected) mid-call without this call's audio: the server offers a fresh agent leg.
      if (current && audio.callId !== current) await socket.command('media.reconnect', { call_id: current }).catch(() => {});
    } catch {
      // the next event will tell
    }
  }

  const tick = setInterval(() => desk.dispatch({ kind: 'tick', now: Date.now() }), 1_000);
  cleanups.push(() => clearInterval(tick));

  async function loadReference(): Promise<void> {
    const [settings, channels, groups, reasons, users, config] = await Promise.allSettled([
      api.settings(), api.channels(), api.agentGroups(), api.pauseReasons(), api.users(), api.webConfig(),
    ]);
    reference.set({
      settings: settings.status === 'fulfilled' ? settings.value : null,
      channels: channels.status === 'fulfilled' ? channels.value.items : [],
      agentGroups: groups.status === 'fulfilled' ? groups.value.items : [],
      pauseReasons: reasons.status === 'fulfilled' ? reasons.value.items : [],
      users: users.status === 'fulfilled' ? users.value.items : [],
      config: config.status === 'fulfilled' ? config.value : { demo: false, emulator_url: null },
    });
  }
  void loadReference();

  const online = () => socket.retryNow();
  window.addEventListener('online', online);
  cleanups.push(() => window.removeEventListener('online', online));

  /** Supervisors: listen to, whisper into or barge into a live call; stop. */
  const supervise = {
    async monitor(callId: string, mode: MonitorMode, who: { agentName: string | null; customer: string | null }): Promise<void> {
      void ringtone.unlock();
      monitor.dispatch({ kind: 'start', callId, mode, ...who, now: Date.now() });
      try {
        await api.monitor(callId, mode);
      } catch (e) {
        monitorAudio.closeFor(callId);
        monitor.dispatch({ kind: 'failed', callId });
        refuse(e);
      }
    },
    async stopMonitoring(): Promise<void> {
      const m = monitor.get();
      if (!m) return;
      monitor.dispatch({ kind: 'stop' });
      monitorAudio.close();
      await api.monitor(m.callId, 'stop').catch(() => {});
    },
  };

  return {
    api, desk, conversations, toasts, reference, preferences, remoteStreams, user, ringtone, commands, calls, audio,
    monitor, monitorStreams, businessRecords, supervise,
    /** Every server message (the wallboard follows presence and calls of the whole tenant). */
    onServerMessage: (fn: (m: ServerMessage) => void) => socket.onMessage(fn),
    notify,
    refuse,
    closeToast: (id: number) => toasts.dispatch({ kind: 'close', id }),
    async setPresence(status: Presence['status'], pauseReasonId: string | null): Promise<void> {
      try {
        desk.dispatch({ kind: 'presence', presence: await api.setPresence(status, pauseReasonId ?? undefined) });
      } catch (e) {
        refuse(e);
      }
    },
    async setAutoAnswer(on: boolean): Promise<void> {
      try {
        user.set(await api.updateUser(user.get().id, { auto_answer: on }));
      } catch (e) {
        refuse(e);
      }
    },
    close(): void {
      for (const c of cleanups.splice(0)) c();
      for (const close of pendingNotifications.values()) close();
      ringtone.stop();
      audio.close();
      monitorAudio.close();
      socket.close();
    },
  };
}

export type DeskRuntime = ReturnType<typeof createDeskRuntime>;
