import type { KeyValueStore } from '../i18n/translate.js';
import { parsePosition, type Point } from '../viewmodels/widget-position.js';

/** Per-browser choices: microphone and where the call widget sits. */
export interface Preferences {
  microphoneId: string | null;
  widgetPosition: Point | null;
  demoPanelOpen: boolean;
  demoCustomer: string;
}

const KEY = 'switchboard.preferences';
export const DEFAULT_DEMO_CUSTOMER = '+6281234567890';

export function loadPreferences(storage: KeyValueStore | null): Preferences {
  const fallback: Preferences = { microphoneId: null, widgetPosition: null, demoPanelOpen: false, demoCustomer: DEFAULT_DEMO_CUSTOMER };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
  } catch {
    return fallback;
  }
  return {
    microphoneId: typeof raw.microphoneId === 'string' ? raw.microphoneId : null,
    widgetPosition: parsePosition(raw.widgetPosition ? JSON.stringify(raw.widgetPosition) : null),
    demoPanelOpen: typeof raw.demoPanelOpen === 'boolean' ? raw.demoPanelOpen : false,
    demoCustomer: typeof raw.demoCustomer === 'string' && raw.demoCustomer ? raw.demoCustomer : DEFAULT_DEMO_CUSTOMER,
  };
}

export function savePreferences(storage: KeyValueStore | null, p: Preferences): void {
  try {
    storage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // storage disabled: the choices last for this tab
  }
}
