import { useRef, useState } from 'react';
import type { Prompt } from '../../api/admin-types.js';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

/** Uploads an Ogg/Opus file as a prompt named after it (or `name`). */
export function usePromptUpload() {
  const runtime = useRuntime();
  return async (file: File, name?: string): Promise<Prompt> => {
    const buf = await file.arrayBuffer();
    return runtime.api.uploadPrompt((name ?? file.name.replace(/\.(ogg|opus|oga)$/i, '')).slice(0, 120) || 'Prompt', buf);
  };
}

/** Voice prompts: upload (Ogg/Opus), listen, rename, delete, and which channels play them. */
export function PromptsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const upload = usePromptUpload();
  const prompts = useLoader(async () => (await runtime.api.prompts()).items, [runtime]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const attempt = async (fn: () => Promise<void>) => {
    setRefusal(null);
    try {
      await fn();
    } catch (e) {
      setRefusal(await explain(e));
    }
  };
  return (
    <AdminSection id="prompts" title={t('admin.prompts')} lead={t('prompts.lead')}>
      <form className="inline-form admin-create" onSubmit={(e) => {
        e.preventDefault();
        const f = file.current?.files?.[0];
        if (!f) return;
        setBusy(true);
        void attempt(async () => {
          const p = await upload(f, name.trim() || undefined);
          prompts.set((xs) => [...(xs ?? []), p]);
          setName('');
          if (file.current) file.current.value = '';
        }).finally(() => setBusy(false));
      }}>
        <input aria-label={t('prompts.name')} placeholder={t('prompts.namePlaceholder')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <input ref={file} type="file" accept="audio/ogg,audio/opus,.ogg,.opus" aria-label={t('prompts.file')} className="file-input" />
        <button type="submit" className="btn btn--small btn--primary" disabled={busy}><Icon name="upload" size={15} /><span>{busy ? t('prompts.uploading') : t('prompts.upload')}</span></button>
      </form>
      <p className="muted small">{t('prompts.format')}</p>
      <RefusalNote refusal={prompts.refusal ?? refusal} onClose={() => { prompts.clearRefusal(); setRefusal(null); }} />
      {!prompts.data ? <p className="muted">{t('common.loading')}</p> : prompts.data.length === 0 ? <p className="muted">{t('prompts.none')}</p> : (
        <div className="table-wrap">
          <table className="table table--compact" data-testid="prompts">
            <thead><tr><th scope="col">{t('prompts.name')}</th><th scope="col">{t('prompts.duration')}</th><th scope="col">{t('prompts.usedBy')}</th><th scope="col">{t('prompts.listen')}</th><th scope="col"><span className="sr-only">{t('records.actions')}</span></th></tr></thead>
            <tbody>
              {prompts.data.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td className="mono">{p.duration ?? '—'}</td>
                  <td className="small">{p.used_by.length === 0 ? <span className="muted">{t('prompts.unused')}</span> : p.used_by.map((u) => `${u.channel_name} · ${t(`prompts.role.${u.role}`)}`).join(', ')}</td>
                  <td><audio controls preload="none" src={p.audio_url} className="row-audio" aria-label={t('prompts.listenTo', { name: p.name })} /></td>
                  <td className="row-actions">
                    <button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: p.name })} title={p.used_by.length ? t('prompts.inUse') : t('admin.delete')} onClick={() => void attempt(async () => {
                      await runtime.api.deletePrompt(p.id);
                      prompts.set((xs) => (xs ?? []).filter((x) => x.id !== p.id));
                    })}>
                      <Icon name="trash" size={16} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminSection>
  );
}
