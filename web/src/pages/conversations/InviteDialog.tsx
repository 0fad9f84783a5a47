import { useState } from 'react';
import type { Conversation } from '../../api/types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { Dialog } from '../../components/Dialog.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';

/** "Invite to call": a call-permission request with the agent's caption; it expires after 72 h without reply. */
export function InviteDialog({ room, expiryHours, onClose, onSent, explain }: {
  room: Conversation;
  expiryHours: number;
  onClose: () => void;
  onSent: () => void;
  explain: (e: unknown) => Promise<RefusalMessage>;
}) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const [caption, setCaption] = useState(t('invite.defaultCaption'));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const send = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await runtime.api.requestCallPermission(room.id, caption.trim());
      onSent();
    } catch (e) {
      setRefusal(await explain(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('invite.title')}
      onClose={onClose}
      footer={(
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form="invite-form" className="btn btn--primary" disabled={busy || !caption.trim()}>
            <Icon name="send" /><span>{busy ? t('invite.sending') : t('invite.send')}</span>
          </button>
        </>
      )}
    >
      <form id="invite-form" onSubmit={(e) => { e.preventDefault(); void send(); }}>
        <p className="muted dialog__lead">{t('invite.lead', { name: room.contact.name ?? room.contact.phone })}</p>
        <label className="field">
          <span className="field__label">{t('invite.caption')}</span>
          <textarea value={caption} onChange={(e) => setCaption(e.target.value)} rows={3} maxLength={1024} required data-autofocus data-testid="invite-caption" />
        </label>
        <p className="note"><Icon name="info" size={14} /> {t('invite.expiry', { hours: expiryHours })}</p>
        <p className="note"><Icon name="info" size={14} /> {t('invite.webHelp')}</p>
        {refusal ? <div className="refusal" role="alert"><Icon name="alert" /><div><strong>{refusal.title}</strong><p>{refusal.body}</p></div></div> : null}
      </form>
    </Dialog>
  );
}
