import { useRef, useState } from 'react';
import type { Conversation } from '../../api/types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { CannedAnswersPicker } from '../../components/CannedAnswersPicker.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { insertAnswer } from '../../viewmodels/canned-answers.js';

/** Writes to the customer inside the 24 h window. Enter sends, Shift+Enter starts a new line. */
export function Composer({ room, onRefused }: { room: Conversation; onRefused: (e: unknown) => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [canned, setCanned] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const closed = !room.window_open;
  const send = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    try {
      const m = await runtime.api.sendMessage(room.id, body);
      runtime.conversations.dispatch({ kind: 'message', roomId: room.id, message: m });
      setText('');
    } catch (e) {
      onRefused(e);
    } finally {
      setBusy(false);
    }
  };
  const insert = (body: string) => {
    const el = area.current;
    const next = insertAnswer(text, { start: el?.selectionStart ?? text.length, end: el?.selectionEnd ?? text.length }, body);
    setText(next.text);
    setCanned(false);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  return (
    <form className="composer" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      {canned ? <CannedAnswersPicker channelId={room.channel_id} onPick={insert} onClose={() => { setCanned(false); area.current?.focus(); }} /> : null}
      <button
        type="button"
        className="btn btn--ghost btn--icon composer__canned"
        disabled={closed}
        aria-expanded={canned}
        aria-label={t('canned.open')}
        title={`${t('canned.open')} (/)`}
        onClick={() => setCanned((v) => !v)}
        data-testid="canned-toggle"
      >
        <Icon name="note" />
      </button>
      <label className="sr-only" htmlFor={`composer-${room.id}`}>{t('composer.label')}</label>
      <textarea
        id={`composer-${room.id}`}
        ref={area}
        value={text}
        rows={2}
        disabled={closed}
        placeholder={closed ? t('composer.windowClosed') : t('composer.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // "/" on an empty composer opens the canned answers.
          if (e.key === '/' && !text && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            setCanned(true);
            return;
          }
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
        data-testid="composer"
      />
      <button type="submit" className="btn btn--primary" disabled={closed || busy || !text.trim()} aria-label={t('composer.send')}>
        <Icon name="send" /><span>{t('composer.send')}</span>
      </button>
    </form>
  );
}
