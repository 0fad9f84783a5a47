import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isApiError, type ApiError } from '../../api/api-error.js';
import type { CallPermission, Conversation } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { useNow, useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { onLiveCall } from '../../state/desk-state.js';
import { channelById, userName } from '../../state/reference-data.js';
import { callWidgetModel } from '../../viewmodels/call-widget.js';
import { permissionHeaderModel } from '../../viewmodels/permission-header.js';
import { refusalMessage, topUpContacts, type RefusalMessage } from '../../viewmodels/refusal-message.js';
import { pathOf } from '../../viewmodels/routes.js';
import { timelineItems } from '../../viewmodels/timeline.js';
import { Composer } from './Composer.js';
import { InviteDialog } from './InviteDialog.js';

/** One room: header with the call permission, the timeline (messages and calls), composer, Invite to call / Call. */
export function Room({ room }: { room: Conversation }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const now = useNow(1_000);
  const messages = useRuntimeStore((r) => r.conversations, (s) => s.messages[room.id]);
  const desk = useRuntimeStore((r) => r.desk);
  const reference = useRuntimeStore((r) => r.reference);
  const me = useRuntimeStore((r) => r.user);
  const [permission, setPermission] = useState<CallPermission | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [inviting, setInviting] = useState(false);
  const [calling, setCalling] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const channel = channelById(reference, room.channel_id);

  const explain = useCallback(async (e: unknown): Promise<RefusalMessage> => {
    const err = e as ApiError;
    const m = refusalMessage({ code: isApiError(e) ? err.code : 'INTERNAL', message: err?.message ?? String(e), details: isApiError(e) ? err.details : null }, t, fmt.dateTime);
    if (isApiError(e) && e.code === 'INSUFFICIENT_BALANCE' && topUpContacts(e.details).length === 0) {
      const admins = await runtime.api.balance().then((b) => b.top_up_contacts.map((c) => c.name), () => []);
      if (admins.length) return { ...m, body: `${m.body} ${t('refusal.askAdmins', { names: admins.join(', ') })}` };
    }
    return m;
  }, [runtime, t, fmt.dateTime]);

  const loadPermission = useCallback(async () => {
    try {
      setPermission(await runtime.api.callPermission(room.id));
      setUnavailable(false);
    } catch {
      setUnavailable(true);
    }
  }, [runtime, room.id]);

  useEffect(() => {
    setPermission(null);
    setRefusal(null);
    let live = true;
    runtime.api.messages(room.id, 100).then(
      (p) => live && runtime.conversations.dispatch({ kind: 'messages_loaded', roomId: room.id, messages: p.items }),
      (e) => live && runtime.refuse(e),
    );
    void loadPermission();
    return () => {
      live = false;
    };
  }, [runtime, room.id, loadPermission]);

  // Messages (a permission reply, a call ending) can change the permission: read it again.
  const count = messages?.length ?? 0;
  const version = useRuntimeStore((r) => r.conversations, (s) => s.permissionVersion[room.id] ?? 0);
  useEffect(() => {
    if (count > 0 || version > 0) void loadPermission();
  }, [count, version, loadPermission]);

  const items = timelineItems(messages ?? [], fmt, t);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length, room.id]);

  const liveHere = desk.call && desk.call.conversationId === room.id && onLiveCall(desk) ? desk.call : null;
  const banner = liveHere ? callWidgetModel(liveHere, now, { holdAutoRetrieveS: 0, autoHangupS: 0, transferAllowed: false }, t) : null;
  const header = permissionHeaderModel({
    permission, unavailable,
    outboundEnabled: channel ? channel.outbound_enabled && channel.voice_calling_enabled : true,
    windowOpen: room.window_open, roomOpen: room.status === 'open', onCall: onLiveCall(desk), now, formatDateTime: fmt.dateTime,
  }, t);

  const assign = async (assigneeId: string | null) => {
    try {
      runtime.conversations.dispatch({ kind: 'room_loaded', room: await runtime.api.updateConversation(room.id, { assignee_id: assigneeId }) });
    } catch (e) {
      setRefusal(await explain(e));
    }
  };
  const setStatus = async (status: 'open' | 'resolved') => {
    try {
      runtime.conversations.dispatch({ kind: 'room_loaded', room: await runtime.api.updateConversation(room.id, { status }) });
    } catch (e) {
      setRefusal(await explain(e));
    }
  };
  const call = async () => {
    setRefusal(null);
    setCalling(true);
    try {
      await runtime.calls.placeOutbound(room);
    } catch (e) {
      setRefusal(await explain(e));
      void loadPermission();
    } finally {
      setCalling(false);
    }
  };
  const assignee = room.assignee_id ? (room.assignee_id === me.id ? t('room.you') : userName(reference, room.assignee_id) ?? t('room.someone')) : null;

  return (
    <div className="room" data-room-id={room.id}>
      <header className="room__head">
        <button type="button" className="icon-button room__back" onClick={() => navigate(pathOf('conversations'))} aria-label={t('rooms.back')}>
          <Icon name="arrowLeft" />
        </button>
        <div className="room__who">
          <h2 className="room__name">{room.contact.name ?? room.contact.phone}</h2>
          <div className="room__sub">
            {room.contact.name ? <span>{room.contact.phone}</span> : null}
            {channel ? <span>{channel.name}</span> : null}
            <span>{assignee ? t('room.assignedTo', { name: assignee }) : t('room.unassigned')}</span>
            <span className={room.window_open ? 'text-ok' : 'text-warn'}>{room.window_open ? t('room.windowOpen') : t('room.windowClosed')}</span>
          </div>
        </div>
        <div className={`perm perm--${header.tone}`} data-testid="permission">
          <div className="perm__status"><Icon name="phone" size={14} /> {header.status}</div>
          {header.expires ? <div className="perm__line">{header.expires}</div> : null}
          {header.attempts ? <div className="perm__line">{header.attempts}</div> : null}
          {header.warning ? <div className="perm__line perm__warn">{header.warning}</div> : null}
        </div>
        <div className="room__actions">
          {room.assignee_id === null ? <button type="button" className="btn btn--small" onClick={() => void assign(me.id)}>{t('room.take')}</button> : null}
          {room.assignee_id === me.id ? <button type="button" className="btn btn--small btn--ghost" onClick={() => void assign(null)}>{t('room.release')}</button> : null}
          {room.status === 'open'
            ? <button type="button" className="btn btn--small btn--ghost" onClick={() => void setStatus('resolved')}>{t('room.resolve')}</button>
            : <button type="button" className="btn btn--small btn--ghost" onClick={() => void setStatus('open')}>{t('room.reopen')}</button>}
        </div>
      </header>

      {liveHere ? (
        <div className="room__call" role="status">
          <span className={`dot dot--${banner!.tone}`} aria-hidden="true" />
          {banner!.status}
          {banner!.timer ? <span className="mono"> {banner!.timer}</span> : null}
        </div>
      ) : null}

      <div className="timeline" ref={scroller} aria-live="polite" aria-label={t('room.timeline')} tabIndex={0} data-testid="timeline">
        {items.length === 0 ? <p className="muted pad">{messages ? t('room.noMessages') : t('common.loading')}</p> : null}
        {items.map((i) => {
          switch (i.kind) {
            case 'day':
              return <div key={i.key} className="timeline__day"><span>{i.label}</span></div>;
            case 'call':
              return (
                <div key={i.key} className={`timeline__call timeline__call--${i.tone}`} data-call-id={i.callId ?? undefined}>
                  <Icon name={i.tone === 'missed' ? 'phoneOff' : 'phone'} size={14} />
                  <span>{i.text}</span>
                  <time>{i.time}</time>
                </div>
              );
            case 'event':
              return <div key={i.key} className={`timeline__event timeline__call--${i.tone}`}><span>{i.text}</span> <time>{i.time}</time></div>;
            case 'invite':
              return (
                <div key={i.key} className="bubble bubble--out bubble--invite">
                  <div className="bubble__tag"><Icon name="phoneOutgoing" size={14} /> {i.note}</div>
                  <p>{i.text}</p>
                  <span className="bubble__meta"><time>{i.time}</time></span>
                </div>
              );
            case 'message':
              return (
                <div key={i.key} className={`bubble bubble--${i.side}`}>
                  <p>{i.text}</p>
                  <span className="bubble__meta">
                    <time>{i.time}</time>
                    {i.status ? <span className="bubble__status">{t(`message.status.${i.status === 'read' || i.status === 'delivered' || i.status === 'failed' ? i.status : 'sent'}`)}</span> : null}
                  </span>
                </div>
              );
          }
        })}
      </div>

      <Composer room={room} onRefused={async (e) => setRefusal(await explain(e))} />

      <div className="callbar">
        {header.invite.visible ? (
          <button type="button" className="btn btn--default" disabled={!header.invite.enabled} onClick={() => { setRefusal(null); setInviting(true); }} title={header.invite.reason ?? undefined} data-testid="invite-to-call">
            <Icon name="phoneOutgoing" /><span>{t('invite.button')}</span>
          </button>
        ) : null}
        {header.call.visible ? (
          <button type="button" className="btn btn--accept" disabled={!header.call.enabled || calling} onClick={() => void call()} title={header.call.reason ?? undefined} data-testid="call-customer">
            <Icon name="phone" /><span>{calling ? t('widget.calling') : t('room.call')}</span>
          </button>
        ) : null}
        {header.invite.visible && header.invite.reason ? <span className="callbar__reason">{header.invite.reason}</span> : null}
        {header.call.visible && header.call.reason ? <span className="callbar__reason">{header.call.reason}</span> : null}
        {header.invite.visible ? <span className="callbar__help"><Icon name="info" size={14} /> {t('invite.webHelp')}</span> : null}
      </div>
      {refusal ? (
        <div className="refusal" role="alert" data-testid="refusal">
          <Icon name="alert" />
          <div><strong>{refusal.title}</strong><p>{refusal.body}</p></div>
          <button type="button" className="icon-button" onClick={() => setRefusal(null)} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
        </div>
      ) : null}
      {inviting ? (
        <InviteDialog
          room={room}
          expiryHours={reference.settings?.permission_request_expiry_h ?? 72}
          onClose={() => setInviting(false)}
          onSent={() => { setInviting(false); runtime.notify({ tone: 'success', title: t('invite.sent') }); void loadPermission(); }}
          explain={explain}
        />
      ) : null}
    </div>
  );
}
