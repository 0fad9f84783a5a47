import { useCallback, useMemo } from 'react';
import type { ActionContext, DeskAction, UiCommands } from '../actions/action.js';
import { findAction } from '../actions/registry.js';
import { locales } from '../i18n/translate.js';
import { useI18n } from '../i18n/i18n-context.js';
import { channelById } from '../state/reference-data.js';
import { pathOf } from '../viewmodels/routes.js';
import { navigate } from './router.js';
import { useRuntime, useRuntimeStore } from './runtime-context.js';
import { setUi } from './ui-store.js';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The context every action runs in, rebuilt when the desk changes. */
export function useActionContext(onSignOut: () => void): ActionContext {
  const runtime = useRuntime();
  const desk = useRuntimeStore((r) => r.desk);
  const reference = useRuntimeStore((r) => r.reference);
  const role = useRuntimeStore((r) => r.user, (u) => u.role);
  const { locale, setLocale } = useI18n();
  const ui = useMemo<UiCommands>(() => ({
    openDialPad: () => setUi({ dialPad: true, transfer: false }),
    openTransfer: () => setUi({ transfer: true, dialPad: false }),
    openPalette: () => setUi({ palette: true }),
    navigate: (page) => navigate(pathOf(page)),
    toggleLocale: () => setLocale(locales[(locales.indexOf(locale) + 1) % locales.length]!),
    signOut: onSignOut,
  }), [locale, setLocale, onSignOut]);
  const channel = channelById(reference, desk.call?.channel?.id ?? null);
  return { desk, role, transferAllowed: channel ? channel.transfer_enabled : true, commands: runtime.commands, ui };
}

/** Runs an action by id (buttons); the same `perform` the shortcut and the palette use. */
export function useRunAction(ctx: ActionContext) {
  return useCallback((id: string, target?: string) => {
    const a: DeskAction = findAction(id);
    if (!a.available(ctx, target)) return;
    void a.perform(ctx, target);
  }, [ctx]);
}
