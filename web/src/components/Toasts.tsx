import { useEffect } from 'react';
import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Toast } from '../state/toasts.js';
import { Icon } from './Icon.js';

function ToastItem({ toast }: { toast: Toast }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  useEffect(() => {
    if (toast.sticky) return;
    const id = setTimeout(() => runtime.closeToast(toast.id), toast.tone === 'error' ? 9_000 : 5_000);
    return () => clearTimeout(id);
  }, [toast, runtime]);
  return (
    <div className={`toast toast--${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <Icon name={toast.tone === 'error' || toast.tone === 'warning' ? 'alert' : toast.tone === 'success' ? 'check' : 'info'} />
      <div className="toast__text">
        <strong>{toast.title}</strong>
        {toast.body ? <p>{toast.body}</p> : null}
      </div>
      <button type="button" className="icon-button" onClick={() => runtime.closeToast(toast.id)} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
    </div>
  );
}

/** Notices and refusals, bottom centre. */
export function Toasts() {
  const toasts = useRuntimeStore((r) => r.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => <ToastItem key={x.id} toast={x} />)}
    </div>
  );
}
