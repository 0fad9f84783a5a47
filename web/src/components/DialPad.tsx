import { useState } from 'react';
import { useRuntime } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Icon } from './Icon.js';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** DTMF keys sent to the caller one by one (menus of the other side, extensions). */
export function DialPad({ callId, onClose }: { callId: string; onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const [sent, setSent] = useState('');
  const press = (d: string) => {
    setSent((s) => (s + d).slice(-24));
    void runtime.calls.dtmf(callId, d);
  };
  return (
    <div className="panel" role="group" aria-label={t('dialpad.title')}>
      <div className="panel__head">
        <span>{t('dialpad.title')}</span>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
      </div>
      <output className="dialpad__display" aria-live="polite">{sent || '\u00a0'}</output>
      <div
        className="dialpad"
        onKeyDown={(e) => {
          if (/^[0-9*#]$/.test(e.key)) {
            e.preventDefault();
            press(e.key);
          }
        }}
      >
        {keys.map((k) => (
          <button key={k} type="button" className="dialpad__key" onClick={() => press(k)} aria-label={t('dialpad.key', { key: k })}>{k}</button>
        ))}
      </div>
    </div>
  );
}
