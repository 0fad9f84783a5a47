import { useState } from 'react';
import type { ChannelDetail, RingGroup, RingMode, UserRecord } from '../../api/admin-types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { addable, type Member } from '../../viewmodels/member-order.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { MemberOrderList } from './MemberOrderList.js';
import { Toggle } from './Toggle.js';
import { useLoader } from './use-loader.js';

const modes: RingMode[] = ['round_robin', 'ring_all'];

/** Ring groups per channel: mode, ring regardless of status, and the members in ring order. */
export function RingGroupsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const data = useLoader(async () => {
    const [groups, channels, users] = await Promise.all([runtime.api.ringGroups(), runtime.api.channels(), runtime.api.userList()]);
    return { groups: groups.items, channels: channels.items as ChannelDetail[], users: users.items };
  }, [runtime]);
  const [creating, setCreating] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);

  const replace = (g: RingGroup) => data.set((d) => ({ ...d!, groups: d!.groups.map((x) => (x.id === g.id ? g : x)) }));
  const attempt = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setRefusal(null);
    try {
      return await fn();
    } catch (e) {
      setRefusal(await explain(e));
      return null;
    }
  };

  const d = data.data;
  return (
    <AdminSection
      id="ring-groups"
      title={t('admin.ringGroups')}
      lead={t('ringGroups.lead')}
      actions={<button type="button" className="btn btn--small btn--primary" onClick={() => setCreating(true)} disabled={!d}><Icon name="plus" size={15} /><span>{t('ringGroups.create')}</span></button>}
    >
      <RefusalNote refusal={data.refusal ?? refusal} onClose={() => { data.clearRefusal(); setRefusal(null); }} />
      {creating && d ? (
        <CreateRingGroup
          channels={d.channels}
          groups={d.groups}
          users={d.users}
          onCancel={() => setCreating(false)}
          onCreate={async (body) => {
            const g = await attempt(() => runtime.api.createRingGroup(body));
            if (g) {
              data.set((x) => ({ ...x!, groups: [...x!.groups, g] }));
              setCreating(false);
            }
          }}
        />
      ) : null}
      {!d ? <p className="muted">{t('common.loading')}</p> : d.groups.length === 0 ? <p className="muted">{t('ringGroups.none')}</p> : (
        <div className="admin-cards">
          {d.channels.map((ch) => {
            const groups = d.groups.filter((g) => g.channel_id === ch.id);
            if (groups.length === 0) return null;
            return groups.map((g) => {
              const taken = new Set(groups.filter((x) => x.id !== g.id).flatMap((x) => x.members.map((m) => m.user_id)));
              const eligible = d.users.filter((u) => !u.disabled && ch.member_ids.includes(u.id));
              return (
                <article key={g.id} className="admin-card" data-ring-group={g.name}>
                  <header className="admin-card__head">
                    <div>
                      <h3 className="admin-card__title">{g.name}</h3>
                      <p className="muted small">{ch.name} · {ch.display_number}</p>
                    </div>
                    <button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: g.name })} title={t('admin.delete')} onClick={async () => {
                      if (await attempt(() => runtime.api.deleteRingGroup(g.id)) !== null) data.set((x) => ({ ...x!, groups: x!.groups.filter((y) => y.id !== g.id) }));
                    }}>
                      <Icon name="trash" size={16} />
                    </button>
                  </header>
                  <div className="admin-card__row">
                    <label className="inline-field">{t('ringGroups.mode')}
                      <select value={g.mode} onChange={async (e) => {
                        const next = await attempt(() => runtime.api.updateRingGroup(g.id, { mode: e.target.value as RingMode }));
                        if (next) replace(next);
                      }}>
                        {modes.map((m) => <option key={m} value={m}>{t(`ringGroups.mode.${m}`)}</option>)}
                      </select>
                    </label>
                  </div>
                  <p className="muted small">{t(`ringGroups.modeHelp.${g.mode}`)}</p>
                  {g.mode === 'ring_all' ? (
                    <Toggle
                      label={t('ringGroups.regardless')}
                      help={t('ringGroups.regardlessHelp')}
                      checked={g.ring_regardless_of_status}
                      onChange={async (v) => {
                        const next = await attempt(() => runtime.api.updateRingGroup(g.id, { ring_regardless_of_status: v }));
                        if (next) replace(next);
                      }}
                    />
                  ) : null}
                  <h4 className="admin-card__subtitle">{t('ringGroups.members')}</h4>
                  <MemberOrderList
                    label={t('ringGroups.membersOf', { name: g.name })}
                    members={g.members}
                    candidates={addable(eligible, g.members, taken)}
                    testId={`ring-group-members-${g.name}`}
                    onSave={async (next: Member[]) => {
                      const saved = await attempt(() => runtime.api.setRingGroupMembers(g.id, next.map((m) => m.user_id)));
                      if (saved) replace(saved);
                      return saved !== null;
                    }}
                  />
                  {eligible.length < d.users.filter((u) => !u.disabled && u.role === 'agent').length ? <p className="muted small">{t('ringGroups.channelMembersOnly')}</p> : null}
                </article>
              );
            });
          })}
        </div>
      )}
    </AdminSection>
  );
}

function CreateRingGroup({ channels, groups, users, onCreate, onCancel }: {
  channels: ChannelDetail[];
  groups: RingGroup[];
  users: UserRecord[];
  onCreate: (body: { channel_id: string; name: string; mode: RingMode; ring_regardless_of_status: boolean; member_ids: string[] }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [channelId, setChannelId] = useState(channels[0]?.id ?? '');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<RingMode>(() => (groups.some((g) => g.channel_id === channels[0]?.id && g.mode === 'round_robin') ? 'ring_all' : 'round_robin'));
  const [regardless, setRegardless] = useState(false);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const channel = channels.find((c) => c.id === channelId);
  const taken = new Set(groups.filter((g) => g.channel_id === channelId).flatMap((g) => g.members.map((m) => m.user_id)));
  const modeTaken = groups.some((g) => g.channel_id === channelId && g.mode === mode);
  const eligible = users.filter((u) => !u.disabled && channel?.member_ids.includes(u.id));
  return (
    <form className="admin-card admin-card--form" aria-label={t('ringGroups.create')} onSubmit={(e) => {
      e.preventDefault();
      void onCreate({ channel_id: channelId, name: name.trim(), mode, ring_regardless_of_status: mode === 'ring_all' && regardless, member_ids: memberIds });
    }}>
      <div className="form-grid">
        <label className="field"><span className="field__label">{t('ringGroups.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required autoFocus /></label>
        <label className="field"><span className="field__label">{t('records.channel')}</span>
          <select value={channelId} onChange={(e) => { setChannelId(e.target.value); setMemberIds([]); }}>
            {channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="field"><span className="field__label">{t('ringGroups.mode')}</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as RingMode)}>
            {modes.map((m) => <option key={m} value={m}>{t(`ringGroups.mode.${m}`)}</option>)}
          </select>
        </label>
      </div>
      {modeTaken ? <p className="note note--warn">{t('ringGroups.modeTaken')}</p> : null}
      {mode === 'ring_all' ? (
        <label className="check"><input type="checkbox" checked={regardless} onChange={(e) => setRegardless(e.target.checked)} /> {t('ringGroups.regardless')}</label>
      ) : null}
      <fieldset className="field">
        <legend className="field__label">{t('ringGroups.members')}</legend>
        <div className="chips">
          {eligible.map((u) => {
            const on = memberIds.includes(u.id);
            const busy = taken.has(u.id);
            return (
              <label key={u.id} className={`chip${on ? ' is-on' : ''}${busy ? ' is-disabled' : ''}`} title={busy ? t('ringGroups.inAnother') : undefined}>
                <input type="checkbox" checked={on} disabled={busy} onChange={() => setMemberIds(on ? memberIds.filter((x) => x !== u.id) : [...memberIds, u.id])} />
                {on ? <Icon name="check" size={13} /> : null} {u.name}
              </label>
            );
          })}
        </div>
        <p className="muted small">{t('ringGroups.orderHint')}</p>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn btn--small btn--ghost" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="btn btn--small btn--primary" disabled={!name.trim() || !channelId}>{t('ringGroups.createSubmit')}</button>
      </div>
    </form>
  );
}
