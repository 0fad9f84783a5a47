import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/api-error.js';
import { createApi } from '../api/api.js';
import { createHttpClient } from '../api/http-client.js';
import type { Presence, User } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoginPage } from '../pages/login/LoginPage.js';
import { formatDateTime, resolveTimeZone } from '../viewmodels/format-time.js';
import { createDeskRuntime, type DeskRuntime } from './desk-runtime.js';
import { RuntimeContext } from './runtime-context.js';
import { Shell } from './Shell.js';

/** Any 401 from the API (an expired or revoked session) sends the desk back to the sign-in page. */
const signedOut = new EventTarget();
const api = createApi(createHttpClient({ onUnauthenticated: () => signedOut.dispatchEvent(new Event('signed-out')) }));

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

type Session = { state: 'loading' } | { state: 'signed_out' } | { state: 'signed_in'; runtime: DeskRuntime };

/** Restores the session from the cookie, or shows the sign-in page; builds the desk runtime once signed in. */
export function App() {
  const i18n = useI18n();
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const start = useCallback((user: User, presence: Presence) => {
    const runtime = createDeskRuntime({
      api, user, presence, storage: storage(),
      translate: () => i18nRef.current.t,
      formatDateTime: (iso) => formatDateTime(iso, {
        locale: i18nRef.current.tag,
        timeZone: resolveTimeZone(runtime.user.get().time_zone, Intl.DateTimeFormat().resolvedOptions().timeZone),
      }),
    });
    setSession({ state: 'signed_in', runtime });
  }, []);

  useEffect(() => {
    let live = true;
    api.me().then(
      (me) => live && start(me.user, me.presence),
      () => live && setSession({ state: 'signed_out' }),
    );
    return () => {
      live = false;
    };
  }, [start]);

  useEffect(() => () => {
    if (session.state === 'signed_in') session.runtime.close();
  }, [session]);

  useEffect(() => {
    if (session.state !== 'signed_in') return;
    const out = () => setSession({ state: 'signed_out' });
    signedOut.addEventListener('signed-out', out);
    const stop = session.runtime.desk.subscribe(() => {
      if (session.runtime.desk.get().socket === 'unauthenticated') out();
    });
    return () => {
      signedOut.removeEventListener('signed-out', out);
      stop();
    };
  }, [session]);

  const signOut = useCallback(() => {
    void api.logout().catch(() => {}).finally(() => {
      setSession({ state: 'signed_out' });
      history.replaceState(null, '', '/');
    });
  }, []);

  if (session.state === 'loading') return <div className="splash" aria-busy="true">{i18n.t('common.loading')}</div>;
  if (session.state === 'signed_out') {
    return (
      <LoginPage
        onSignIn={async (email, password) => {
          try {
            await api.login(email, password);
            const me = await api.me();
            start(me.user, me.presence);
            return null;
          } catch (e) {
            return isApiError(e) ? e : null;
          }
        }}
      />
    );
  }
  return (
    <RuntimeContext.Provider value={session.runtime}>
      <Shell onSignOut={signOut} />
    </RuntimeContext.Provider>
  );
}
