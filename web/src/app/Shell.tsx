import { useEffect, useMemo } from 'react';
import { actionForKey } from '../actions/registry.js';
import { formatShortcut, parseShortcut } from '../actions/shortcut.js';
import { BusinessRecordHost } from '../components/BusinessRecordHost.js';
import { CallAudioElements } from '../components/CallAudioElements.js';
import { CallWidget } from '../components/CallWidget.js';
import { CommandPalette } from '../components/CommandPalette.js';
import { DemoPanel } from '../components/DemoPanel.js';
import { Icon, type IconName } from '../components/Icon.js';
import { IncomingCallPopups } from '../components/IncomingCallPopups.js';
import { MonitorBar } from '../components/MonitorBar.js';
import { ReadinessCard } from '../components/ReadinessCard.js';
import { StatusSwitch } from '../components/StatusSwitch.js';
import { Toasts } from '../components/Toasts.js';
import { useI18n } from '../i18n/i18n-context.js';
import { localeNames, locales, type Locale } from '../i18n/translate.js';
import { AdminPage } from '../pages/admin/AdminPage.js';
import { ConversationsPage } from '../pages/conversations/ConversationsPage.js';
import { DeskPage } from '../pages/desk/DeskPage.js';
import { RecordsPage } from '../pages/records/RecordsPage.js';
import { WallboardPage } from '../pages/wallboard/WallboardPage.js';
import { useStore } from '../state/use-store.js';
import { mayOpen, navItems, type PageId } from '../viewmodels/routes.js';
import { ActionsContext } from './actions-context.js';
import { navigate, useRoute } from './router.js';
import { useRuntimeStore } from './runtime-context.js';
import { setUi, uiStore } from './ui-store.js';
import { isMac, useActionContext, useRunAction } from './use-actions.js';
import { useReadiness } from './use-readiness.js';

const icons: Record<PageId, IconName> = { desk: 'home', conversations: 'chat', wallboard: 'chart', records: 'list', admin: 'settings' };

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

/** The signed-in app: navigation, top bar with the status switch, the page, and the call overlays. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const route = useRoute();
  const user = useRuntimeStore((r) => r.user);
  const socket = useRuntimeStore((r) => r.desk, (s) => s.socket);
  const ui = useStore(uiStore);
  const ctx = useActionContext(onSignOut);
  const run = useRunAction(ctx);
  const actions = useMemo(() => ({ ctx, run }), [ctx, run]);
  const readiness = useReadiness();
  const nav = navItems(user.role);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const a = actionForKey(e, ctx, { isMac, typing: isTyping(document.activeElement) });
      if (!a) return;
      e.preventDefault();
      void a.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);

  useEffect(() => {
    if (route.page === 'not_found') navigate('/desk', { replace: true });
    else if (!mayOpen(user.role, route.page)) navigate('/desk', { replace: true });
  }, [route.page, user.role]);

  const page = route.page === 'not_found' || !mayOpen(user.role, route.page) ? 'desk' : route.page;
  const current = nav.find((n) => n.page === page);
  useEffect(() => {
    document.title = `${current ? t(current.label) : ''} · Switchboard`;
  }, [current, t]);

  return (
    <ActionsContext.Provider value={actions}>
      <a className="skip-link" href="#content">{t('nav.skip')}</a>
      <div className="shell">
        <nav className="sidebar" aria-label={t('nav.label')}>
          <div className="brand">
            <span className="brand__mark"><Icon name="phone" size={16} /></span>
            <span className="brand__name">Switchboard</span>
          </div>
          <ul className="nav">
            {nav.map((n) => (
              <li key={n.page}>
                <a
                  href={n.path}
                  className={`nav__link${n.page === page ? ' is-active' : ''}`}
                  aria-current={n.page === page ? 'page' : undefined}
                  title={`${t(n.label)} (${formatShortcut(parseShortcut(`Alt+Shift+${n.key}`), isMac)})`}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    navigate(n.path);
                  }}
                >
                  <Icon name={icons[n.page]} />
                  <span>{t(n.label)}</span>
                </a>
              </li>
            ))}
          </ul>
          <div className="sidebar__foot">
            <label className="lang">
              <Icon name="globe" size={16} />
              <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')} data-testid="language">
                {locales.map((l) => <option key={l} value={l}>{localeNames[l]}</option>)}
              </select>
            </label>
          </div>
        </nav>
        <div className="main">
          <header className="topbar">
            <h1 className="topbar__title">{current ? t(current.label) : ''}</h1>
            {socket !== 'open' ? (
              <span className="conn" role="status" data-testid="connection">
                <span className="dot dot--pending" aria-hidden="true" />
                {socket === 'unauthenticated' ? t('conn.signedOut') : t('conn.reconnecting')}
              </span>
            ) : null}
            <div className="topbar__right">
              <StatusSwitch />
              <button type="button" className="btn btn--ghost topbar__palette" onClick={() => setUi({ palette: true })} title={t('action.palette')}>
                <Icon name="command" /><span>{t('palette.button')}</span>
                <kbd>{formatShortcut(parseShortcut('Mod+K'), isMac)}</kbd>
              </button>
              <div className="user">
                <span className="user__avatar" aria-hidden="true">{user.name.slice(0, 1).toUpperCase()}</span>
                <span className="user__text">
                  <span className="user__name">{user.name}</span>
                  <span className="user__role">{t(`role.${user.role}`)}</span>
                </span>
                <button type="button" className="icon-button" onClick={onSignOut} aria-label={t('action.signOut')} title={t('action.signOut')}>
                  <Icon name="logout" />
                </button>
              </div>
            </div>
          </header>
          <ReadinessCard input={readiness.input} ask={readiness.ask} compact />
          <MonitorBar />
          <main id="content" className="content" tabIndex={-1}>
            {page === 'desk' ? <DeskPage readiness={readiness} /> : null}
            {page === 'conversations' ? <ConversationsPage roomId={route.id} /> : null}
            {page === 'wallboard' ? <WallboardPage /> : null}
            {page === 'records' ? <RecordsPage callId={route.id} /> : null}
            {page === 'admin' ? <AdminPage /> : null}
          </main>
        </div>
      </div>
      <IncomingCallPopups />
      <CallWidget />
      <BusinessRecordHost />
      <DemoPanel />
      <Toasts />
      <CallAudioElements />
      {ui.palette ? <CommandPalette onClose={() => setUi({ palette: false })} /> : null}
    </ActionsContext.Provider>
  );
}
