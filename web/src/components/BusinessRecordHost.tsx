import { useEffect, useState } from 'react';
import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { BusinessRecordPanel } from './BusinessRecordPanel.js';
import { Dialog } from './Dialog.js';
import { Icon } from './Icon.js';

/**
 * The business record as a dialog over any page (opened from the call widget, a record row, or by
 * itself when a channel needs a disposition), and a reminder of the calls still waiting for one.
 */
export function BusinessRecordHost() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const ui = useRuntimeStore((r) => r.businessRecords);
  const [channelId, setChannelId] = useState<string | null>(null);
  const open = ui.openCallId;

  useEffect(() => {
    setChannelId(null);
    if (!open) return;
    const known = runtime.businessRecords.get().pending.find((p) => p.callId === open)?.channelId
      ?? (runtime.desk.get().call?.id === open ? runtime.desk.get().call?.channel?.id : undefined);
    if (known) {
      setChannelId(known);
      return;
    }
    let live = true;
    runtime.api.call(open).then((c) => live && setChannelId(c.channel_id), (e) => {
      if (!live) return;
      runtime.refuse(e);
      runtime.businessRecords.dispatch({ kind: 'close' });
    });
    return () => {
      live = false;
    };
  }, [runtime, open]);

  const waiting = ui.pending.filter((p) => p.callId !== open);
  return (
    <>
      {waiting.length > 0 ? (
        <button type="button" className="disposition-reminder" onClick={() => runtime.businessRecords.dispatch({ kind: 'open', callId: waiting[0]!.callId })} data-testid="disposition-reminder">
          <Icon name="alert" size={15} /> {t('record.waitingCount', { count: waiting.length })}
        </button>
      ) : null}
      {open ? (
        <Dialog title={t('record.title')} onClose={() => runtime.businessRecords.dispatch({ kind: 'close' })} wide>
          {channelId ? <BusinessRecordPanel callId={open} channelId={channelId} /> : <p className="muted">{t('common.loading')}</p>}
        </Dialog>
      ) : null}
    </>
  );
}
