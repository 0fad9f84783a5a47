import { useEffect, useState } from 'react';
import type { ChannelDetail, ChannelPatch } from '../../api/admin-types.js';
import { isApiError } from '../../api/api-error.js';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { channelSummary, missingPrerequisites } from '../../viewmodels/channel-settings.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { CallHoursEditor } from './CallHoursEditor.js';
import { ChannelCalling } from './ChannelCalling.js';
import { ChannelConnection } from './ChannelConnection.js';
import { ChannelPromptsEditor } from './ChannelPromptsEditor.js';
import { IncomingTargetEditor } from './IncomingTargetEditor.js';
import { useLoader } from './use-loader.js';

/** What went wrong saving a channel setting, said for that setting. */
export interface ChannelRefusal extends RefusalMessage {
  /** Voice calling needs rates and a balance first: what is missing. */
  missing?: string[];
}

export type SaveChannel = (patch: ChannelPatch) => Promise<boolean>;

/** Channels: calling settings, calling hours, where new calls go, prompts, members, webhook and health. */
export function ChannelsSection({ onGo }: { onGo: (section: string) => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const list = useLoader(async () => (await runtime.api.channels()).items, [runtime]);
  const [selected, setSelected] = useState<string | null>(null);
  const [channel, setChannel] = useState<ChannelDetail | null>(null);
  const [refusal, setRefusal] = useState<ChannelRefusal | null>(null);

  useEffect(() => {
    if (!selected && list.data?.[0]) setSelected(list.data[0].id);
  }, [list.data, selected]);
  useEffect(() => {
    if (!selected) return;
    let live = true;
    setChannel(null);
    setRefusal(null);
    runtime.api.channel(selected).then((c) => live && setChannel(c), async (e) => live && setRefusal(await explain(e)));
    return () => {
      live = false;
    };
  }, [runtime, selected, explain]);

  const save: SaveChannel = async (patch) => {
    if (!channel) return false;
    setRefusal(null);
    try {
      const next = await runtime.api.updateChannel(channel.id, patch);
      setChannel((c) => ({ ...next, health: c?.health ?? next.health }));
      // The desk reads channels (call buttons, transfer) from the reference data.
      runtime.reference.set((r) => ({ ...r, channels: r.channels.map((x) => (x.id === next.id ? { ...x, ...next } : x)) }));
      return true;
    } catch (e) {
      const m = await explain(e);
      setRefusal(isApiError(e) && e.code === 'CALLING_PREREQUISITES_MISSING' ? { title: t('channel.prerequisites.title'), body: t('channel.prerequisites.body'), missing: missingPrerequisites(e.details, t) } : m);
      return false;
    }
  };

  return (
    <AdminSection id="channels" title={t('admin.channels')} lead={t('channels.lead')}>
      <RefusalNote refusal={list.refusal} onClose={list.clearRefusal} />
      {list.data && list.data.length > 1 ? (
        <div className="page-tabs page-tabs--small" role="tablist" aria-label={t('admin.channels')}>
          {list.data.map((c) => (
            <button key={c.id} type="button" role="tab" aria-selected={selected === c.id} className={`page-tabs__tab${selected === c.id ? ' is-active' : ''}`} onClick={() => setSelected(c.id)}>{c.name}</button>
          ))}
        </div>
      ) : null}
      {!channel ? <p className="muted">{t('common.loading')}</p> : (
        <div className="channel" data-channel-id={channel.id}>
          <header className="channel__head">
            <div>
              <h3 className="admin-card__title">{channel.name}</h3>
              <p className="muted small mono">{channel.display_number} · {t(`records.type.${channel.type}`)}</p>
            </div>
            <span className={`pill ${channel.voice_calling_enabled ? 'pill--ok' : ''}`}>{channelSummary(channel, t)}</span>
          </header>
          {refusal ? (
            <div className="refusal refusal--inline" role="alert" data-testid="channel-refusal">
              <div>
                <strong>{refusal.title}</strong>
                <p>{refusal.body}</p>
                {refusal.missing ? (
                  <ul className="missing">
                    {refusal.missing.map((m) => <li key={m}>{m}</li>)}
                  </ul>
                ) : null}
                {refusal.missing ? <button type="button" className="btn btn--small" onClick={() => onGo('billing')}>{t('channel.prerequisites.go')}</button> : null}
              </div>
              <button type="button" className="icon-button" onClick={() => setRefusal(null)} aria-label={t('common.close')}>×</button>
            </div>
          ) : null}
          <div className="channel__grid">
            <ChannelCalling channel={channel} save={save} />
            <ChannelConnection channel={channel} onMembers={async (ids) => {
              try {
                await runtime.api.setChannelMembers(channel.id, ids);
                setChannel({ ...channel, member_ids: ids });
                return true;
              } catch (e) {
                setRefusal(await explain(e));
                return false;
              }
            }} />
            <CallHoursEditor channel={channel} save={save} />
            <IncomingTargetEditor channel={channel} save={save} />
            <ChannelPromptsEditor channel={channel} save={save} />
          </div>
        </div>
      )}
    </AdminSection>
  );
}
