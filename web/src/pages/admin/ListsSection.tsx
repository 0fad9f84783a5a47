import { useEffect, useState } from 'react';
import type { Disposition, PauseReasonRecord, Tag } from '../../api/admin-types.js';
import { useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { AdminSection } from './AdminSection.js';
import { NameList } from './NameList.js';
import { useLoader } from './use-loader.js';

const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));

/** Pause reasons agents choose from (system ones locked). */
export function PauseReasonsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const reasons = useLoader(async () => (await runtime.api.pauseReasonList()).items, [runtime]);
  // The status switch reads the reasons from the reference data: keep it in step.
  const sync = (xs: PauseReasonRecord[]) => runtime.reference.set((r) => ({ ...r, pauseReasons: xs }));
  return (
    <AdminSection id="pause-reasons" title={t('admin.pauseReasons')} lead={t('pauseReasons.lead')}>
      {!reasons.data ? <p className="muted">{t('common.loading')}</p> : (
        <NameList
          testId="pause-reasons"
          label={t('pauseReasons.new')}
          placeholder={t('pauseReasons.placeholder')}
          items={reasons.data.map((r) => ({ id: r.id, name: r.name, locked: r.system_key !== null }))}
          onAdd={async (name) => {
            const r = await runtime.api.createPauseReason(name);
            const next = byName([...(reasons.data ?? []), r]);
            reasons.set(next);
            sync(next);
          }}
          onRename={async (id, name) => {
            const r = await runtime.api.renamePauseReason(id, name);
            const next = (reasons.data ?? []).map((x) => (x.id === id ? r : x));
            reasons.set(next);
            sync(next);
          }}
          onDelete={async (id) => {
            await runtime.api.deletePauseReason(id);
            const next = (reasons.data ?? []).filter((x) => x.id !== id);
            reasons.set(next);
            sync(next);
          }}
        />
      )}
    </AdminSection>
  );
}

/** Tags (tenant-wide) and dispositions (per channel) that agents pick on business records. */
export function TagsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const channels = useRuntimeStore((r) => r.reference, (d) => d.channels);
  const tags = useLoader(async () => (await runtime.api.tags()).items as Tag[], [runtime]);
  const [channelId, setChannelId] = useState('');
  useEffect(() => {
    if (!channelId && channels[0]) setChannelId(channels[0].id);
  }, [channels, channelId]);
  const dispositions = useLoader(async () => (channelId ? (await runtime.api.dispositions(channelId)).items : []) as Disposition[], [runtime, channelId]);
  return (
    <>
      <AdminSection id="tags" title={t('admin.tags')} lead={t('tags.lead')}>
        {!tags.data ? <p className="muted">{t('common.loading')}</p> : (
          <NameList
            testId="tags"
            label={t('tags.new')}
            placeholder={t('tags.placeholder')}
            maxLength={60}
            items={tags.data}
            onAdd={async (name) => tags.set(byName([...(tags.data ?? []), await runtime.api.createTag(name)]))}
            onRename={async (id, name) => {
              const x = await runtime.api.renameTag(id, name);
              tags.set(byName((tags.data ?? []).map((y) => (y.id === id ? x : y))));
            }}
            onDelete={async (id) => {
              await runtime.api.deleteTag(id);
              tags.set((tags.data ?? []).filter((y) => y.id !== id));
            }}
          />
        )}
      </AdminSection>
      <AdminSection
        id="dispositions"
        title={t('admin.dispositions')}
        lead={t('dispositions.lead')}
        actions={(
          <label className="inline-field">{t('records.channel')}
            <select value={channelId} onChange={(e) => setChannelId(e.target.value)}>
              {channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
        )}
      >
        {!dispositions.data ? <p className="muted">{t('common.loading')}</p> : (
          <NameList
            testId="dispositions"
            label={t('dispositions.new')}
            placeholder={t('dispositions.placeholder')}
            maxLength={80}
            items={dispositions.data}
            onAdd={async (name) => dispositions.set(byName([...(dispositions.data ?? []), await runtime.api.createDisposition(channelId, name)]))}
            onRename={async (id, name) => {
              const x = await runtime.api.renameDisposition(channelId, id, name);
              dispositions.set(byName((dispositions.data ?? []).map((y) => (y.id === id ? x : y))));
            }}
            onDelete={async (id) => {
              await runtime.api.deleteDisposition(channelId, id);
              dispositions.set((dispositions.data ?? []).filter((y) => y.id !== id));
            }}
          />
        )}
      </AdminSection>
    </>
  );
}
