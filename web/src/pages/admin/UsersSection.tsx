import { useState } from 'react';
import type { UserPatch, UserRecord } from '../../api/admin-types.js';
import type { Role } from '../../api/types.js';
import { useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

const roles: Role[] = ['agent', 'supervisor', 'admin'];

/** Users: role, disabled, auto-answer; new users with a first password. */
export function UsersSection() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const explain = useExplain();
  const me = useRuntimeStore((r) => r.user, (u) => u.id);
  const forced = useRuntimeStore((r) => r.reference, (d) => d.settings?.force_auto_answer ?? false);
  const users = useLoader(async () => (await runtime.api.userList()).items, [runtime]);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as Role, password: '' });
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
  const patch = async (u: UserRecord, p: UserPatch) => {
    const next = await attempt(() => runtime.api.patchUser(u.id, p));
    if (next) users.set((xs) => (xs ?? []).map((x) => (x.id === u.id ? next : x)));
  };
  return (
    <AdminSection
      id="users"
      title={t('admin.users')}
      lead={t('users.lead')}
      actions={<button type="button" className="btn btn--small btn--primary" onClick={() => setAdding(true)}><Icon name="plus" size={15} /><span>{t('users.add')}</span></button>}
    >
      {adding ? (
        <form className="admin-card admin-card--form" aria-label={t('users.add')} onSubmit={async (e) => {
          e.preventDefault();
          const u = await attempt(() => runtime.api.createUser({ ...form, name: form.name.trim(), email: form.email.trim() }));
          if (u) {
            users.set((xs) => [...(xs ?? []), u]);
            setForm({ name: '', email: '', role: 'agent', password: '' });
            setAdding(false);
          }
        }}>
          <div className="form-grid">
            <label className="field"><span className="field__label">{t('users.name')}</span><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={200} autoFocus /></label>
            <label className="field"><span className="field__label">{t('login.email')}</span><input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required maxLength={254} /></label>
            <label className="field"><span className="field__label">{t('users.role')}</span>
              <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>
            </label>
            <label className="field"><span className="field__label">{t('users.password')}</span><input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required minLength={8} maxLength={200} autoComplete="new-password" /><span className="field__hint">{t('users.passwordHint')}</span></label>
          </div>
          <div className="form-actions">
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setAdding(false)}>{t('common.cancel')}</button>
            <button type="submit" className="btn btn--small btn--primary" disabled={form.password.length < 8}>{t('users.create')}</button>
          </div>
        </form>
      ) : null}
      <RefusalNote refusal={users.refusal ?? refusal} onClose={() => { users.clearRefusal(); setRefusal(null); }} />
      {!users.data ? <p className="muted">{t('common.loading')}</p> : (
        <div className="table-wrap">
          <table className="table table--compact" data-testid="users">
            <thead>
              <tr><th scope="col">{t('users.name')}</th><th scope="col">{t('login.email')}</th><th scope="col">{t('users.role')}</th><th scope="col">{t('desk.autoAnswer')}</th><th scope="col">{t('users.active')}</th></tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-user-id={u.id} className={u.disabled ? 'is-disabled' : undefined}>
                  <td>{u.name}{u.id === me ? <span className="muted small"> · {t('room.you')}</span> : null}</td>
                  <td className="mono small">{u.email}</td>
                  <td>
                    <select className="select--small" aria-label={t('users.roleOf', { name: u.name })} value={u.role} disabled={u.id === me} onChange={(e) => void patch(u, { role: e.target.value as Role })}>
                      {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    <label className="check" title={forced ? t('desk.autoAnswerForced') : undefined}>
                      <input type="checkbox" checked={forced || u.auto_answer} disabled={forced} onChange={(e) => void patch(u, { auto_answer: e.target.checked })} aria-label={t('users.autoAnswerOf', { name: u.name })} />
                      {forced ? t('users.forced') : u.auto_answer ? t('settings.on') : t('settings.off')}
                    </label>
                  </td>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={!u.disabled} disabled={u.id === me} onChange={(e) => void patch(u, { disabled: !e.target.checked })} aria-label={t('users.activeOf', { name: u.name })} />
                      {u.disabled ? t('users.disabled') : t('users.enabled')}
                    </label>
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
