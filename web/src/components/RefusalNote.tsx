import { useI18n } from '../i18n/i18n-context.js';
import type { RefusalMessage } from '../viewmodels/refusal-message.js';
import { Icon } from './Icon.js';

/** A refusal explained in place (why a callback, a save or a switch did not happen), until closed. */
export function RefusalNote({ refusal, onClose, testId = 'refusal' }: { refusal: RefusalMessage | null; onClose: () => void; testId?: string }) {
  const { t } = useI18n();
  if (!refusal) return null;
  return (
    <div className="refusal refusal--inline" role="alert" data-testid={testId}>
      <Icon name="alert" />
      <div><strong>{refusal.title}</strong><p>{refusal.body}</p></div>
      <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
    </div>
  );
}
