import { useEffect, useState } from 'react';
import type { ChannelDetail, RingGroup } from '../../api/admin-types.js';
import { useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { targetDraft, targetFromDraft, type TargetDraft } from '../../viewmodels/channel-settings.js';
import type { SaveChannel } from './ChannelsSection.js';

const types: TargetDraft['type'][] = ['none', 'agent_groups', 'ring_group', 'flow', 'ai_agent'];

/** Where new inbound calls go when no assignee or ring group takes them: agent groups, a ring group, an IVR flow or an AI agent. */
export function IncomingTargetEditor({ channel, save }: { channel: ChannelDetail; save: SaveChannel }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const groups = useRuntimeStore((r) => r.reference, (d) => d.agentGroups);
  const [ringGroups, setRingGroups] = useState<RingGroup[]>([]);
  const [draft, setDraft] = useState<TargetDraft>(() => targetDraft(channel.incoming_target));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(targetDraft(channel.incoming_target)), [channel.id, channel.incoming_target]);
  useEffect(() => {
    runtime.api.ringGroups(channel.id).then((p) => setRingGroups(p.items), () => setRingGroups([]));
  }, [runtime, channel.id]);
  const result = targetFromDraft(draft);
  const edit = (d: TargetDraft) => {
    setSaved(false);
    setDraft(d);
  };
  return (
    <section className="admin-card" aria-labelledby="target-title" data-testid="incoming-target">
      <h4 id="target-title" className="admin-card__subtitle">{t('channel.target')}</h4>
      <p className="muted small">{t('channel.targetLead')}</p>
      <fieldset className="radio-list">
        <legend className="sr-only">{t('channel.target')}</legend>
        {types.map((ty) => (
          <label key={ty} className="check">
            <input type="radio" name={`target-${channel.id}`} value={ty} checked={draft.type === ty} onChange={() => edit({ ...draft, type: ty })} />
            {t(`channel.target.${ty}`)}
          </label>
        ))}
      </fieldset>
      {draft.type === 'agent_groups' ? (
        <div className="chips">
          {groups.map((g) => {
            const on = draft.agentGroupIds.includes(g.id);
            return (
              <label key={g.id} className={`chip${on ? ' is-on' : ''}`}>
                <input type="checkbox" checked={on} onChange={() => edit({ ...draft, agentGroupIds: on ? draft.agentGroupIds.filter((x) => x !== g.id) : [...draft.agentGroupIds, g.id] })} />
                {g.name}
              </label>
            );
          })}
        </div>
      ) : null}
      {draft.type === 'ring_group' ? (
        <select aria-label={t('channel.target.ring_group')} value={draft.ringGroupId} onChange={(e) => edit({ ...draft, ringGroupId: e.target.value })}>
          <option value="">{t('search.choose')}</option>
          {ringGroups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      ) : null}
      {draft.type === 'flow' ? <input aria-label={t('channel.target.flowId')} placeholder={t('channel.target.flowId')} value={draft.flowId} onChange={(e) => edit({ ...draft, flowId: e.target.value })} className="mono" /> : null}
      {draft.type === 'ai_agent' ? <input aria-label={t('channel.target.url')} placeholder="https://" value={draft.url} onChange={(e) => edit({ ...draft, url: e.target.value })} inputMode="url" /> : null}
      <p className="muted small">{t(`channel.targetHelp.${draft.type}`)}</p>
      <div className="form-actions form-actions--left">
        {!result.ok ? <span className="field__error">{t(result.error)}</span> : saved ? <span className="form-hint" role="status">{t('record.saved')}</span> : null}
        <span className="grow" />
        <button type="button" className="btn btn--small btn--primary" disabled={!result.ok} onClick={async () => {
          if (result.ok && (await save({ incoming_target: result.value }))) setSaved(true);
        }}>{t('admin.save')}</button>
      </div>
    </section>
  );
}
