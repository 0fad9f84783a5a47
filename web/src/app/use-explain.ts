import { useCallback, useRef } from 'react';
import { isApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { refusalMessage, topUpContacts, type RefusalMessage } from '../viewmodels/refusal-message.js';
import { useRuntime, useTimeFormat } from './runtime-context.js';

/**
 * Turns a refusal (any thrown error) into words, naming the admins to ask when the balance is too
 * low. The function is stable (safe in effect dependencies) and always uses the current language.
 */
export function useExplain(): (e: unknown) => Promise<RefusalMessage> {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const current = useRef({ t, dateTime: fmt.dateTime });
  current.current = { t, dateTime: fmt.dateTime };
  return useCallback(async (e: unknown) => {
    const { t: tr, dateTime } = current.current;
    const m = isApiError(e)
      ? refusalMessage({ code: e.code, message: e.message, details: e.details }, tr, dateTime)
      : refusalMessage({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }, tr, dateTime);
    if (isApiError(e) && e.code === 'INSUFFICIENT_BALANCE' && topUpContacts(e.details).length === 0) {
      const admins = await runtime.api.balance().then((b) => b.top_up_contacts.map((c) => c.name), () => []);
      if (admins.length) return { ...m, body: `${m.body} ${tr('refusal.askAdmins', { names: admins.join(', ') })}` };
    }
    return m;
  }, [runtime]);
}
