import { useState } from 'react';
import type { CannedAnswer } from '../../api/admin-types.js';
import { useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

interface Draft {
  id: string | null;
  title: string;
  body: string;
  shortcut: string;
  channelId: string;
}

const empty: Draft = { id: null, title: '', body: '', shortcut: '', channelId: '' };

/** General answers (every number) and answers local to one channel, as agents see them blended in the composer. */
export function CannedAnswersSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const channels = useRuntimeStore((r) => r.reference, (d) => d.channels);
  const [q, setQ] = useState('');
  const answers = useLoader(async () => (await runtime.api.cannedAnswers({ q: q.trim() || undefined, limit: 500 })).items, [runtime, q]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);

  const save = async (d: Draft) => {
    setRefusal(null);
    try {
      const shortcut = d.shortcut.trim().replace(/^\//, '') || null;
      const saved: CannedAnswer = d.id
        ? await runtime.api.updateCannedAnswer(d.id, { title: d.title.trim(), body: d.body.trim(), shortcut })
        : await runtime.api.createCannedAnswer({ title: d.title.trim(), body: d.body.trim(), shortcut, channel_id: d.channelId || null });
      answers.set((xs) => [...(xs ?? []).filter((x) => x.id !== saved.id), saved].sort((a, b) => a.title.localeCompare(b.title)));
      setDraft(null);
    } catch (e) {
      setRefusal(await explain(e));
    }
  };
  return (
    <AdminSection
      id="canned-answers"
      title={t('admin.cannedAnswers')}
      lead={t('cannedAdmin.lead')}
      actions={<button type="button" className="btn btn--small btn--primary" onClick={() => setDraft(empty)}><Icon name="plus" size={15} /><span>{t('cannedAdmin.add')}</span></button>}
    >
      {draft ? (
        <form className="admin-card admin-card--form" aria-label={draft.id ? t('cannedAdmin.edit') : t('cannedAdmin.add')} onSubmit={(e) => { e.preventDefault(); void save(draft); }}>
          <div className="form-grid">
            <label className="field"><span className="field__label">{t('cannedAdmin.title')}</span><input value={draft.title} maxLength={120} required autoFocus onChange={(e) => setDraft({ ...draft, title: e.target.value })} /></label>
            <label className="field"><span className="field__label">{t('cannedAdmin.shortcut')}</span><input value={draft.shortcut} maxLength={40} placeholder="/thanks" onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })} /></label>
            <label className="field"><span className="field__label">{t('cannedAdmin.scope')}</span>
              <select value={draft.channelId} disabled={draft.id !== null} onChange={(e) => setDraft({ ...draft, channelId: e.target.value })}>
                <option value="">{t('canned.general')}</option>
                {channels.map((c) => <option key={c.id} value={c.id}>{t('canned.channel', { channel: c.name })}</option>)}
              </select>
            </label>
          </div>
          <label className="field"><span className="field__label">{t('cannedAdmin.body')}</span><textarea rows={4} value={draft.body} maxLength={4096} required onChange={(e) => setDraft({ ...draft, body: e.target.value })} /></label>
          <div className="form-actions">
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setDraft(null)}>{t('common.cancel')}</button>
            <button type="submit" className="btn btn--small btn--primary" disabled={!draft.title.trim() || !draft.body.trim()}>{t('admin.save')}</button>
          </div>
        </form>
      ) : null}
      <RefusalNote refusal={answers.refusal ?? refusal} onClose={() => { answers.clearRefusal(); setRefusal(null); }} />
      <div className="inline-form admin-search">
        <Icon name="search" size={16} />
        <input aria-label={t('canned.search')} placeholder={t('canned.search')} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {!answers.data ? <p className="muted">{t('common.loading')}</p> : answers.data.length === 0 ? <p className="muted">{t('admin.noneYet')}</p> : (
        <ul className="canned-admin" data-testid="canned-admin">
          {answers.data.map((a) => (
            <li key={a.id} className="canned-admin__item" data-scope={a.scope}>
              <span className={`canned__icon canned__icon--${a.scope}`}>
                <Icon name={a.scope === 'general' ? 'globe' : 'chat'} size={15} label={a.scope === 'general' ? t('canned.general') : t('canned.channel', { channel: a.channel_name ?? '' })} />
              </span>
              <div className="grow">
                <div className="canned__title">{a.title}{a.shortcut ? <kbd>/{a.shortcut}</kbd> : null}<span className="muted small">{a.scope === 'general' ? t('canned.general') : a.channel_name}</span></div>
                <p className="canned-admin__body">{a.body}</p>
              </div>
              <button type="button" className="icon-button" aria-label={t('admin.editOf', { name: a.title })} onClick={() => setDraft({ id: a.id, title: a.title, body: a.body, shortcut: a.shortcut ?? '', channelId: a.channel_id ?? '' })}><Icon name="edit" size={16} /></button>
              <button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: a.title })} onClick={async () => {
                try {
                  await runtime.api.deleteCannedAnswer(a.id);
                  answers.set((xs) => (xs ?? []).filter((x) => x.id !== a.id));
                } catch (e) {
                  setRefusal(await explain(e));
                }
              }}><Icon name="trash" size={16} /></button>
            </li>
          ))}
        </ul>
      )}
    </AdminSection>
  );
}
