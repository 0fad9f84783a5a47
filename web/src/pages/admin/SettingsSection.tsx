import { useState } from 'react';
import { useRuntime } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { settingFields, settingGroups, settingsPatch, type SettingField, type SettingValue } from '../../viewmodels/settings-form.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

/** Tenant settings with their defaults and bounds (from `GET /api/settings/schema`); only changed ones are sent. */
export function SettingsSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const data = useLoader(async () => {
    const [schema, values] = await Promise.all([runtime.api.settingsSchema(), runtime.api.settingsValues()]);
    return { schema: schema.items, values: values as Record<string, unknown> };
  }, [runtime]);
  const [draft, setDraft] = useState<Record<string, SettingValue>>({});
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const d = data.data;
  const fields = d ? settingFields(d.schema, d.values, draft, t) : [];
  const patch = d ? settingsPatch(d.schema, d.values, draft, t) : null;
  const changed = patch ? Object.keys(patch).length : 0;
  const set = (key: string, v: SettingValue) => {
    setSaved(false);
    setDraft((x) => ({ ...x, [key]: v }));
  };
  const save = async () => {
    if (!patch || changed === 0) return;
    setSaving(true);
    setRefusal(null);
    try {
      const values = await runtime.api.updateSettings(patch);
      data.set((x) => ({ ...x!, values: values as Record<string, unknown> }));
      runtime.reference.set((r) => ({ ...r, settings: values }));
      setDraft({});
      setSaved(true);
    } catch (e) {
      setRefusal(await explain(e));
    } finally {
      setSaving(false);
    }
  };

  const input = (f: SettingField) => {
    const id = `setting-${f.key}`;
    switch (f.kind) {
      case 'boolean':
        return (
          <label className="switch">
            <input id={id} type="checkbox" checked={Boolean(f.value)} onChange={(e) => set(f.key, e.target.checked)} aria-describedby={`${id}-desc`} />
            <span className="switch__track" aria-hidden="true" />
            <span className="switch__label">{f.value ? t('settings.on') : t('settings.off')}</span>
          </label>
        );
      case 'enum':
        return (
          <select id={id} value={String(f.value)} onChange={(e) => set(f.key, e.target.value)} aria-describedby={`${id}-desc`}>
            {f.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        );
      case 'integer':
        return (
          <div className="number-field">
            <input
              id={id}
              inputMode="numeric"
              value={String(f.value)}
              onChange={(e) => set(f.key, e.target.value)}
              aria-invalid={f.error ? true : undefined}
              aria-describedby={`${id}-desc ${id}-bounds`}
              data-min={f.min ?? undefined}
              data-max={f.max ?? undefined}
            />
            {f.unit && f.unit !== 'minor' ? <span className="number-field__unit">{t(`settings.unit.${f.unit}`)}</span> : null}
          </div>
        );
      default:
        return <input id={id} value={String(f.value)} onChange={(e) => set(f.key, e.target.value)} aria-describedby={`${id}-desc`} />;
    }
  };

  return (
    <AdminSection
      id="settings"
      title={t('admin.settings')}
      lead={t('settings.lead')}
      actions={(
        <div className="settings-save">
          {saved ? <span className="form-hint" role="status">{t('record.saved')}</span> : null}
          {changed > 0 ? <span className="muted small">{t('settings.changed', { count: changed })}</span> : null}
          {Object.keys(draft).length > 0 ? <button type="button" className="btn btn--small btn--ghost" onClick={() => setDraft({})}>{t('record.discard')}</button> : null}
          <button type="button" className="btn btn--small btn--primary" disabled={!patch || changed === 0 || saving} onClick={() => void save()} data-testid="save-settings">
            {saving ? t('record.saving') : t('settings.save')}
          </button>
        </div>
      )}
    >
      <RefusalNote refusal={data.refusal ?? refusal} onClose={() => { data.clearRefusal(); setRefusal(null); }} />
      {!d ? <p className="muted">{t('common.loading')}</p> : (
        <form className="settings" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="settings">
          {settingGroups.map((g) => {
            const list = fields.filter((f) => f.group === g);
            if (list.length === 0) return null;
            return (
              <fieldset key={g} className="settings__group">
                <legend className="settings__legend">{t(`settings.group.${g}`)}</legend>
                {list.map((f) => (
                  <div key={f.key} className={`setting${f.changed ? ' is-changed' : ''}${f.error ? ' has-error' : ''}`} data-setting={f.key}>
                    <div className="setting__text">
                      <label className="setting__label" htmlFor={`setting-${f.key}`}>{f.label}</label>
                      <p id={`setting-${f.key}-desc`} className="setting__desc">{f.description}</p>
                    </div>
                    <div className="setting__control">
                      {input(f)}
                      <span id={`setting-${f.key}-bounds`} className={f.error ? 'field__error' : 'field__hint'} data-testid={`bounds-${f.key}`}>{f.error ?? f.bounds}</span>
                      {!f.isDefault ? (
                        <button type="button" className="link-button" onClick={() => set(f.key, f.kind === 'integer' ? String(f.defaultValue) : f.defaultValue)}>{t('settings.reset')}</button>
                      ) : null}
                    </div>
                  </div>
                ))}
              </fieldset>
            );
          })}
          <button type="submit" hidden />
        </form>
      )}
    </AdminSection>
  );
}
