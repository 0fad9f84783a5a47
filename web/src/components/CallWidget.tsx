import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useActions } from '../app/actions-context.js';
import { useNow, useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { setUi, uiStore } from '../app/ui-store.js';
import { useI18n } from '../i18n/i18n-context.js';
import { DEFAULT_HOLD_RETRIEVE_S } from '../state/reference-data.js';
import { useStore } from '../state/use-store.js';
import { callWidgetModel } from '../viewmodels/call-widget.js';
import { clampPosition, defaultPosition, nudge, type Point } from '../viewmodels/widget-position.js';
import { ActionButton } from './ActionButton.js';
import { DialPad } from './DialPad.js';
import { Icon } from './Icon.js';
import { MicrophonePicker } from './MicrophonePicker.js';
import { TransferPanel } from './TransferPanel.js';

const viewport = () => ({ width: window.innerWidth, height: window.innerHeight });
const docked = () => window.matchMedia('(max-width: 640px)').matches;

/** The call widget: floats above every page (drag it by its grip), so the agent keeps chatting during a call. */
export function CallWidget() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const { ctx } = useActions();
  const call = useRuntimeStore((r) => r.desk, (s) => s.call);
  const settings = useRuntimeStore((r) => r.reference, (d) => d.settings);
  const saved = useRuntimeStore((r) => r.preferences, (p) => p.widgetPosition);
  const ui = useStore(uiStore);
  const now = useNow(500);
  const ref = useRef<HTMLElement>(null);
  const [pos, setPos] = useState<Point | null>(saved);
  const drag = useRef<{ dx: number; dy: number; id: number } | null>(null);

  const size = () => ({ width: ref.current?.offsetWidth ?? 340, height: ref.current?.offsetHeight ?? 220 });
  useLayoutEffect(() => {
    if (!call || !ref.current) return;
    setPos((p) => clampPosition(p ?? defaultPosition(size(), viewport()), size(), viewport()));
  }, [call?.id, call?.status, ui.dialPad, ui.transfer]);
  // Keep it on screen when the window shrinks or the widget grows (dial pad, hold countdown…).
  const present = call !== null;
  useEffect(() => {
    const reclamp = () => setPos((p) => (p ? clampPosition(p, size(), viewport()) : p));
    window.addEventListener('resize', reclamp);
    const observer = typeof ResizeObserver === 'function' && ref.current ? new ResizeObserver(reclamp) : null;
    if (observer && ref.current) observer.observe(ref.current);
    return () => {
      window.removeEventListener('resize', reclamp);
      observer?.disconnect();
    };
  }, [present]);
  useEffect(() => {
    if (!call || call.status === 'ended') setUi({ dialPad: false, transfer: false });
  }, [call?.status, call]);

  if (!call) return null;
  const m = callWidgetModel(call, now, {
    holdAutoRetrieveS: settings?.hold_auto_retrieve_s ?? DEFAULT_HOLD_RETRIEVE_S,
    autoHangupS: settings?.auto_hangup_s ?? 0,
    transferAllowed: ctx.transferAllowed,
  }, t);

  const save = (p: Point) => {
    const c = clampPosition(p, size(), viewport());
    setPos(c);
    runtime.preferences.set((x) => ({ ...x, widgetPosition: c }));
  };
  const onPointerDown = (e: ReactPointerEvent) => {
    if (docked() || !ref.current) return;
    const r = ref.current.getBoundingClientRect();
    drag.current = { dx: e.clientX - r.left, dy: e.clientY - r.top, id: e.pointerId };
    (e.target as Element).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    if (!drag.current || drag.current.id !== e.pointerId) return;
    setPos(clampPosition({ x: e.clientX - drag.current.dx, y: e.clientY - drag.current.dy }, size(), viewport()));
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    if (!drag.current) return;
    drag.current = null;
    (e.target as Element).releasePointerCapture?.(e.pointerId);
    if (pos) save(pos);
  };

  const style = pos && !docked() ? { left: pos.x, top: pos.y, right: 'auto', bottom: 'auto' } : undefined;
  return (
    <aside ref={ref} className={`widget widget--${m.tone}`} style={style} aria-label={t('widget.region')} data-phase={m.phase} data-call-id={m.callId}>
      <header className="widget__head">
        <button
          type="button"
          className="widget__grip"
          aria-label={t('widget.move')}
          title={t('widget.move')}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={(e) => {
            const next = pos ? nudge(pos, e.key, e.shiftKey) : null;
            if (next) {
              e.preventDefault();
              save(next);
            }
          }}
        >
          <Icon name="grip" />
        </button>
        <div className="widget__who">
          <div className="widget__title">{m.title}</div>
          {m.subtitle ? <div className="widget__subtitle">{m.subtitle}</div> : null}
        </div>
        {m.can.dismiss ? <ActionButton id="call.dismiss" icon="x" variant="ghost" iconOnly /> : null}
      </header>
      <div className="widget__status" role="status" aria-live="polite">
        <span className={`dot dot--${m.tone}`} aria-hidden="true" />
        <span data-testid="widget-status">{m.status}</span>
        {m.timer ? <span className="widget__timer" data-testid="widget-timer">{m.timer}</span> : null}
      </div>
      {m.holdCountdown ? <div className="widget__note">{m.holdCountdown}</div> : null}
      {m.holdRetrieved ? <div className="widget__note widget__note--warn">{t('widget.retrievedBody')}</div> : null}
      {m.autoHangupCountdown ? <div className="widget__note">{m.autoHangupCountdown}</div> : null}
      {m.phase !== 'ended' ? (
        <>
          <div className="widget__controls">
            <ActionButton id="call.mute" icon={m.muted ? 'micOff' : 'mic'} variant="tool" pressed={m.muted} />
            {m.phase === 'on_hold'
              ? <ActionButton id="call.resume" icon="play" variant="tool" />
              : <ActionButton id="call.hold" icon="pause" variant="tool" />}
            <ActionButton id="call.transfer" icon="transfer" variant="tool" pressed={ui.transfer} />
            <ActionButton id="call.dialpad" icon="keypad" variant="tool" pressed={ui.dialPad} />
          </div>
          <ActionButton id="call.hangup" icon="phoneOff" variant="danger" className="widget__hangup" />
          {m.phase === 'connected' || m.phase === 'on_hold' ? <MicrophonePicker /> : null}
          {ui.dialPad && m.can.dialpad ? <DialPad callId={m.callId} onClose={() => setUi({ dialPad: false })} /> : null}
          {ui.transfer && m.can.transfer ? <TransferPanel callId={m.callId} onClose={() => setUi({ transfer: false })} /> : null}
        </>
      ) : null}
      {call.transferred ? null : (
        <button type="button" className="btn btn--ghost btn--small widget__record" onClick={() => runtime.businessRecords.dispatch({ kind: 'open', callId: m.callId })} data-testid="widget-record">
          <Icon name="note" size={15} /><span>{t('record.button')}</span>
        </button>
      )}
    </aside>
  );
}
