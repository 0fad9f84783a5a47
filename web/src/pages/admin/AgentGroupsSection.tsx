import { useState } from 'react';
import { queueStrategies, type AgentGroupDetail, type QueueStrategy } from '../../api/admin-types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { addable, type Member } from '../../viewmodels/member-order.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { MemberOrderList } from './MemberOrderList.js';
import { NumberField } from './NumberField.js';
import { useLoader } from './use-loader.js';

const WRAP_UP = { min: 0, max: 3600 };
const MAX_WAIT = { min: 10, max: 3600 };

/** Agent groups (queues): strategy, wrap-up, longest wait before voicemail, members. */
export function AgentGroupsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const data = useLoader(async () => {
    const [groups, users] = await Promise.all([runtime.api.agentGroupList(), runtime.api.userList()]);
    return { groups: groups.items, users: users.items };
  }, [runtime]);
  const [name, setName] = useState('');
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const attempt = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setRefusal(null);
    try {
      return await fn();
    } catch (e) {
      setRefusal(await explain(e));
      return null;
    }
  };
  const replace = (g: AgentGroupDetail) => data.set((d) => ({ ...d!, groups: d!.groups.map((x) => (x.id === g.id ? g : x)) }));
  const patch = async (g: AgentGroupDetail, p: Parameters<typeof runtime.api.updateAgentGroup>[1]) => {
    const next = await attempt(() => runtime.api.updateAgentGroup(g.id, p));
    if (next) replace(next);
    return next !== null;
  };
  const d = data.data;
  return (
    <AdminSection id="agent-groups" title={t('admin.agentGroups')} lead={t('agentGroups.lead')}>
      <form className="inline-form admin-create" onSubmit={async (e) => {
        e.preventDefault();
        const g = await attempt(() => runtime.api.createAgentGroup({ name: name.trim() }));
        if (g) {
          data.set((x) => ({ ...x!, groups: [...x!.groups, g] }));
          setName('');
        }
      }}>
        <input aria-label={t('agentGroups.name')} placeholder={t('agentGroups.namePlaceholder')} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn--small btn--primary" disabled={!name.trim()}><Icon name="plus" size={15} /><span>{t('agentGroups.create')}</span></button>
      </form>
      <RefusalNote refusal={data.refusal ?? refusal} onClose={() => { data.clearRefusal(); setRefusal(null); }} />
      {!d ? <p className="muted">{t('common.loading')}</p> : (
        <div className="admin-cards">
          {d.groups.map((g) => (
            <article key={g.id} className="admin-card" data-agent-group={g.name}>
              <header className="admin-card__head">
                <h3 className="admin-card__title">{g.name}</h3>
                <button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: g.name })} title={t('admin.delete')} onClick={async () => {
                  if (await attempt(() => runtime.api.deleteAgentGroup(g.id)) !== null) data.set((x) => ({ ...x!, groups: x!.groups.filter((y) => y.id !== g.id) }));
                }}>
                  <Icon name="trash" size={16} />
                </button>
              </header>
              <div className="form-grid">
                <label className="field"><span className="field__label">{t('agentGroups.strategy')}</span>
                  <select value={g.strategy} onChange={(e) => void patch(g, { strategy: e.target.value as QueueStrategy })}>
                    {queueStrategies.map((s) => <option key={s} value={s}>{t(`agentGroups.strategy.${s}`)}</option>)}
                  </select>
                </label>
                <NumberField label={t('agentGroups.wrapUp')} unit={t('settings.unit.s')} value={g.wrap_up_seconds} {...WRAP_UP} hint={t('agentGroups.wrapUpHint')} onSave={(v) => patch(g, { wrap_up_seconds: v })} />
                <NumberField label={t('agentGroups.maxWait')} unit={t('settings.unit.s')} value={g.max_wait_seconds} {...MAX_WAIT} hint={t('agentGroups.maxWaitHint')} onSave={(v) => patch(g, { max_wait_seconds: v })} />
              </div>
              <h4 className="admin-card__subtitle">{t('agentGroups.members')}</h4>
              <MemberOrderList
                label={t('agentGroups.membersOf', { name: g.name })}
                members={g.members}
                candidates={addable(d.users.filter((u) => !u.disabled), g.members)}
                onSave={async (next: Member[]) => {
                  const saved = await attempt(() => runtime.api.setAgentGroupMembers(g.id, next.map((m) => m.user_id)));
                  if (saved) replace(saved);
                  return saved !== null;
                }}
              />
            </article>
          ))}
        </div>
      )}
    </AdminSection>
  );
}
