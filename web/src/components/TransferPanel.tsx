import { useState } from 'react';
import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Icon } from './Icon.js';

/** Transfer the caller to an agent group (a new offer round) or to one agent. */
export function TransferPanel({ callId, onClose }: { callId: string; onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const groups = useRuntimeStore((r) => r.reference, (d) => d.agentGroups);
  const users = useRuntimeStore((r) => r.reference, (d) => d.users);
  const me = useRuntimeStore((r) => r.user, (u) => u.id);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const agents = users.filter((u) => u.role === 'agent' && u.id !== me);
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    const [kind, id] = target.split(':') as ['group' | 'agent', string];
    await runtime.calls.transfer(callId, kind === 'group' ? { agent_group_id: id } : { agent_id: id });
    setBusy(false);
    onClose();
  };
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t('transfer.title')}>
      <div className="panel__head">
        <span>{t('transfer.title')}</span>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
      </div>
      <label className="field">
        <span className="field__label">{t('transfer.to')}</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)} required>
          <option value="">{t('transfer.choose')}</option>
          {groups.length ? (
            <optgroup label={t('transfer.groups')}>
              {groups.map((g) => <option key={g.id} value={`group:${g.id}`}>{g.name}</option>)}
            </optgroup>
          ) : null}
          {agents.length ? (
            <optgroup label={t('transfer.agents')}>
              {agents.map((u) => <option key={u.id} value={`agent:${u.id}`}>{u.name}</option>)}
            </optgroup>
          ) : null}
        </select>
      </label>
      <button type="submit" className="btn btn--default" disabled={!target || busy}>
        <Icon name="transfer" /> <span>{t('transfer.submit')}</span>
      </button>
    </form>
  );
}
