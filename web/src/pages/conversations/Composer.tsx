import { useState } from 'react';
import type { Conversation } from '../../api/types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Writes to the customer inside the 24 h window. Enter sends, Shift+Enter starts a new line. */
export function Composer({ room, onRefused }: { room: Conversation; onRefused: (e: unknown) => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
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
  return (
    <form className="composer" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <label className="sr-only" htmlFor={`composer-${room.id}`}>{t('composer.label')}</label>
      <textarea
        id={`composer-${room.id}`}
        value={text}
        rows={2}
        disabled={closed}
        placeholder={closed ? t('composer.windowClosed') : t('composer.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
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
