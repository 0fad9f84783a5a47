import type { SettingSchema } from '../api/admin-types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';

export type SettingValue = string | number | boolean;

/** Which part of the settings page a setting sits in. */
const groupOf: Record<string, SettingGroup> = {
  time_zone: 'general',
  ring_timeout_s: 'inbound', auto_pause_after_missed: 'inbound', force_auto_answer: 'inbound', queue_waiting_prompt_interval_s: 'inbound',
  queue_max_wait_s: 'inbound', missed_call_sends_permission_request: 'inbound',
  hold_auto_retrieve_s: 'in_call', auto_hangup_s: 'in_call', media_watchdog_s: 'in_call', presence_grace_s: 'in_call',
  permission_request_expiry_h: 'outbound', business_calls_per_24h: 'outbound', outbound_ring_timeout_s: 'outbound',
  billing_granularity: 'billing', minimum_balance_minor: 'billing', minimum_top_up_minor: 'billing',
  callback_offer_lead_min: 'callbacks', callback_accept_window_min: 'callbacks', callback_expiry_min: 'callbacks', callback_max_days: 'callbacks',
  callbacks_queued_per_extension: 'callbacks',
  service_level_threshold_s: 'reports', short_abandon_s: 'reports',
};

export const settingGroups = ['general', 'inbound', 'in_call', 'outbound', 'billing', 'callbacks', 'reports', 'other'] as const;
export type SettingGroup = (typeof settingGroups)[number];

/** The unit a setting's name ends with (`_s`, `_h`, `_min`, `_minor`). */
export type SettingUnit = 's' | 'h' | 'min' | 'minor' | null;
export const unitOf = (key: string): SettingUnit => (/_s$/.test(key) ? 's' : /_h$/.test(key) ? 'h' : /_min$/.test(key) ? 'min' : /_minor$/.test(key) ? 'minor' : null);

export interface SettingField {
  key: string;
  group: SettingGroup;
  kind: 'integer' | 'boolean' | 'enum' | 'text';
  label: string;
  description: string;
  /** What the input holds. */
  value: SettingValue;
  defaultValue: SettingValue;
  /** "Default 30 · 5–120 s" */
  bounds: string;
  min: number | null;
  max: number | null;
  choices: { value: string; label: string }[];
  unit: SettingUnit;
  changed: boolean;
  isDefault: boolean;
  error: string | null;
}

const describeKey = (key: string, t: Translate, fallback: string): string => {
  const k = `settings.desc.${key}` as MessageKey;
  const text = t(k);
  return text === k ? fallback : text;
};

const labelKey = (key: string, t: Translate): string => {
  const k = `settings.key.${key}` as MessageKey;
  const text = t(k);
  return text === k ? key.replace(/_/g, ' ') : text;
};

/** Checks one typed value against its schema; the message, or null when it may be saved. */
export function checkSetting(s: SettingSchema, v: SettingValue, t: Translate): string | null {
  if (s.type === 'integer' || s.type === 'number') {
    const text = String(v).trim();
    if (!/^-?\d+$/.test(text)) return t('settings.error.integer');
    const n = Number(text);
    if (s.minimum !== undefined && n < s.minimum) return t('settings.error.min', { min: s.minimum });
    if (s.maximum !== undefined && n > s.maximum) return t('settings.error.max', { max: s.maximum });
    return null;
  }
  if (s.enum) return s.enum.includes(String(v)) ? null : t('settings.error.choice');
  if (s.type === 'string' && String(v).trim() === '') return t('settings.error.required');
  return null;
}

const same = (a: SettingValue, b: SettingValue) => String(a).trim() === String(b);

/** Every setting as a form field: label, description, default, bounds, the value being edited and its problem. */
export function settingFields(schema: readonly SettingSchema[], saved: Record<string, unknown>, draft: Record<string, SettingValue>, t: Translate): SettingField[] {
  return schema.map((s) => {
    const current = (saved[s.key] ?? s.default) as SettingValue;
    const value = s.key in draft ? draft[s.key]! : current;
    const unit = unitOf(s.key);
    const min = s.minimum ?? null;
    const max = s.maximum ?? null;
    const u = unit && unit !== 'minor' ? ` ${t(`settings.unit.${unit}`)}` : '';
    const range = min !== null && max !== null ? t('settings.range', { min, max, unit: u }) : '';
    const def = s.type === 'boolean' ? (s.default ? t('settings.on') : t('settings.off')) : s.enum ? t(`settings.choice.${String(s.default)}` as MessageKey) : `${String(s.default)}${u}`;
    return {
      key: s.key,
      group: groupOf[s.key] ?? 'other',
      kind: s.type === 'boolean' ? 'boolean' : s.enum ? 'enum' : s.type === 'integer' || s.type === 'number' ? 'integer' : 'text',
      label: labelKey(s.key, t),
      description: describeKey(s.key, t, s.description),
      value,
      defaultValue: s.default,
      bounds: [t('settings.default', { value: def }), range].filter(Boolean).join(' · '),
      min, max,
      choices: (s.enum ?? []).map((c) => ({ value: c, label: (() => { const k = `settings.choice.${c}` as MessageKey; const x = t(k); return x === k ? c : x; })() })),
      unit,
      changed: s.key in draft && !same(draft[s.key]!, current),
      isDefault: same(value, s.default),
      error: s.key in draft ? checkSetting(s, value, t) : null,
    };
  });
}

/** The PATCH body: only the settings whose value changed, typed; null when a change is not valid. */
export function settingsPatch(schema: readonly SettingSchema[], saved: Record<string, unknown>, draft: Record<string, SettingValue>, t: Translate): Record<string, SettingValue> | null {
  const patch: Record<string, SettingValue> = {};
  for (const s of schema) {
    if (!(s.key in draft)) continue;
    const v = draft[s.key]!;
    if (same(v, (saved[s.key] ?? s.default) as SettingValue)) continue;
    if (checkSetting(s, v, t)) return null;
    patch[s.key] = s.type === 'integer' || s.type === 'number' ? Number(String(v).trim()) : s.type === 'boolean' ? Boolean(v) : String(v).trim();
  }
  return patch;
}
