import { useCallback } from 'react';
import { isApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { refusalMessage, topUpContacts, type RefusalMessage } from '../viewmodels/refusal-message.js';
import { useRuntime, useTimeFormat } from './runtime-context.js';

/** Turns a refusal (any thrown error) into words, naming the admins to ask when the balance is too low. */
export function useExplain(): (e: unknown) => Promise<RefusalMessage> {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  return useCallback(async (e: unknown) => {
    const m = isApiError(e)
      ? refusalMessage({ code: e.code, message: e.message, details: e.details }, t, fmt.dateTime)
      : refusalMessage({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }, t, fmt.dateTime);
    if (isApiError(e) && e.code === 'INSUFFICIENT_BALANCE' && topUpContacts(e.details).length === 0) {
      const admins = await runtime.api.balance().then((b) => b.top_up_contacts.map((c) => c.name), () => []);
      if (admins.length) return { ...m, body: `${m.body} ${t('refusal.askAdmins', { names: admins.join(', ') })}` };
    }
    return m;
  }, [runtime, t, fmt.dateTime]);
}
