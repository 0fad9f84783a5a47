import { useState } from 'react';
import type { ApiError } from '../../api/api-error.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { localeNames, locales, type Locale } from '../../i18n/translate.js';
import { refusalMessage } from '../../viewmodels/refusal-message.js';

/** Sign in with email and password (the server sets the session cookie). */
export function LoginPage({ onSignIn }: { onSignIn: (email: string, password: string) => Promise<ApiError | null> }) {
  const { t, locale, setLocale } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="login">
      <form
        className="login__card"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          const err = await onSignIn(email.trim(), password);
          setBusy(false);
          if (err) {
            const m = refusalMessage({ code: err.code, message: err.message, details: err.details }, t, (iso) => new Date(iso).toLocaleTimeString());
            setError(m.body);
          }
        }}
      >
        <div className="brand brand--large">
          <span className="brand__mark"><Icon name="phone" size={20} /></span>
          <span className="brand__name">Switchboard</span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="login__lead">{t('login.lead')}</p>
        <label className="field">
          <span className="field__label">{t('login.email')}</span>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus name="email" />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required name="password" />
        </label>
        {error ? <div className="form-error" role="alert">{error}</div> : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
        <label className="lang lang--login">
          <Icon name="globe" size={16} />
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
            {locales.map((l) => <option key={l} value={l}>{localeNames[l]}</option>)}
          </select>
        </label>
      </form>
    </div>
  );
}
