import { useEffect, useRef, useState } from 'react';
import { promptRoles, type ChannelDetail, type Prompt, type PromptRole } from '../../api/admin-types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import type { SaveChannel } from './ChannelsSection.js';
import { usePromptUpload } from './PromptsSection.js';

/** What the caller hears on this number: queue entry, waiting, voicemail, hold music, callback intro — uploaded or the defaults. */
export function ChannelPromptsEditor({ channel, save }: { channel: ChannelDetail; save: SaveChannel }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const upload = usePromptUpload();
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [busy, setBusy] = useState<PromptRole | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const files = useRef(new Map<PromptRole, HTMLInputElement>());
  useEffect(() => {
    runtime.api.prompts().then((p) => setPrompts(p.items), () => setPrompts([]));
  }, [runtime]);
  const current = (role: PromptRole) => channel.prompts?.[role] ?? '';
  return (
    <section className="admin-card" aria-labelledby="prompts-title" data-testid="channel-prompts">
      <h4 id="prompts-title" className="admin-card__subtitle">{t('channel.prompts')}</h4>
      <p className="muted small">{t('channel.promptsLead')}</p>
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />
      <div className="prompt-rows">
        {promptRoles.map((role) => {
          const chosen = prompts.find((p) => p.id === current(role));
          return (
            <div key={role} className="prompt-row" data-role={role}>
              <label className="field__label" htmlFor={`prompt-${role}`}>{t(`prompts.role.${role}`)}</label>
              <div className="prompt-row__controls">
                <select id={`prompt-${role}`} value={current(role)} onChange={(e) => void save({ prompts: { [role]: e.target.value || null } })}>
                  <option value="">{t('prompts.default')}</option>
                  {prompts.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.duration ?? '—'})</option>)}
                </select>
                <input
                  ref={(el) => {
                    if (el) files.current.set(role, el);
                  }}
                  type="file"
                  accept="audio/ogg,audio/opus,.ogg,.opus"
                  hidden
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    e.target.value = '';
                    if (!f) return;
                    setBusy(role);
                    setRefusal(null);
                    try {
                      const p = await upload(f, `${channel.name} · ${t(`prompts.role.${role}`)} · ${f.name}`.slice(0, 120));
                      setPrompts((xs) => [...xs, p]);
                      await save({ prompts: { [role]: p.id } });
                    } catch (err) {
                      setRefusal(await explain(err));
                    } finally {
                      setBusy(null);
                    }
                  }}
                  data-testid={`prompt-file-${role}`}
                />
                <button type="button" className="btn btn--small" disabled={busy !== null} onClick={() => files.current.get(role)?.click()} aria-label={t('prompts.uploadFor', { role: t(`prompts.role.${role}`) })}>
                  <Icon name="upload" size={15} /><span>{busy === role ? t('prompts.uploading') : t('prompts.upload')}</span>
                </button>
              </div>
              {chosen ? <audio controls preload="none" src={chosen.audio_url} className="row-audio" aria-label={t('prompts.listenTo', { name: chosen.name })} /> : null}
            </div>
          );
        })}
      </div>
      <p className="muted small">{t('prompts.format')}</p>
    </section>
  );
}
