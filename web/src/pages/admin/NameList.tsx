import { useState } from 'react';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';

export interface NamedItem {
  id: string;
  name: string;
  /** Items the system owns (e.g. the "Missed calls" pause reason) cannot be renamed or deleted. */
  locked?: boolean;
}

/** A list of names to add, rename (inline) and delete: tags, dispositions, pause reasons. */
export function NameList({ items, label, placeholder, onAdd, onRename, onDelete, testId, maxLength = 60 }: {
  items: readonly NamedItem[];
  label: string;
  placeholder: string;
  onAdd: (name: string) => Promise<void>;
  onRename: (id: string, name: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  testId: string;
  maxLength?: number;
}) {
  const { t } = useI18n();
  const explain = useExplain();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const attempt = async (fn: () => Promise<void>) => {
    setRefusal(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setRefusal(await explain(e));
      return false;
    }
  };
  return (
    <div className="name-list" data-testid={testId}>
      <form className="inline-form" onSubmit={async (e) => {
        e.preventDefault();
        const name = draft.trim();
        if (name && await attempt(() => onAdd(name))) setDraft('');
      }}>
        <input aria-label={label} placeholder={placeholder} value={draft} maxLength={maxLength} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn btn--small btn--primary" disabled={!draft.trim()}><Icon name="plus" size={15} /><span>{t('admin.add')}</span></button>
      </form>
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />
      {items.length === 0 ? <p className="muted">{t('admin.noneYet')}</p> : (
        <ul className="name-list__items">
          {items.map((item) => (
            <li key={item.id} className="name-list__item">
              {editing?.id === item.id ? (
                <form className="inline-form grow" onSubmit={async (e) => {
                  e.preventDefault();
                  const name = editing.name.trim();
                  if (name && await attempt(() => onRename(item.id, name))) setEditing(null);
                }}>
                  <input aria-label={t('admin.renameOf', { name: item.name })} value={editing.name} maxLength={maxLength} autoFocus onChange={(e) => setEditing({ id: item.id, name: e.target.value })} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} />
                  <button type="submit" className="btn btn--small btn--primary">{t('admin.save')}</button>
                  <button type="button" className="btn btn--small btn--ghost" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
                </form>
              ) : (
                <>
                  <span className="grow">{item.name}{item.locked ? <span className="muted small"> · {t('admin.system')}</span> : null}</span>
                  {!item.locked ? (
                    <>
                      <button type="button" className="icon-button" onClick={() => setEditing({ id: item.id, name: item.name })} aria-label={t('admin.renameOf', { name: item.name })} title={t('admin.rename')}><Icon name="edit" size={16} /></button>
                      <button type="button" className="icon-button" onClick={() => void attempt(() => onDelete(item.id))} aria-label={t('admin.deleteOf', { name: item.name })} title={t('admin.delete')}><Icon name="trash" size={16} /></button>
                    </>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
