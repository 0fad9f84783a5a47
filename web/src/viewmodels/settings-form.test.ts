import { describe, expect, it } from 'vitest';
import type { SettingSchema } from '../api/admin-types.js';
import { createTranslate } from '../i18n/translate.js';
import { t } from '../testing/fixtures.js';
import { checkSetting, settingFields, settingsPatch, unitOf } from './settings-form.js';

const schema: SettingSchema[] = [
  { key: 'ring_timeout_s', type: 'integer', default: 30, minimum: 5, maximum: 120, description: 'Seconds an offer rings one agent before it counts as missed.' },
  { key: 'force_auto_answer', type: 'boolean', default: false, description: 'Answer every offered call automatically for all agents.' },
  { key: 'billing_granularity', type: 'string', default: 'per_minute', enum: ['per_minute', 'pulse_6s'], description: 'Bill business calls…' },
  { key: 'future_setting_x', type: 'integer', default: 1, minimum: 0, maximum: 9, description: 'Something the server added later.' },
];
const saved = { ring_timeout_s: 45, force_auto_answer: false, billing_granularity: 'per_minute', future_setting_x: 1 };

describe('settings form', () => {
  it('shows each setting with its default, bounds and unit, in its group', () => {
    const [ring, auto, billing, future] = settingFields(schema, saved, {}, t);
    expect(ring).toMatchObject({
      key: 'ring_timeout_s', group: 'inbound', kind: 'integer', label: 'Ring time per agent', value: 45, bounds: 'Default 30 s · 5–120 s',
      min: 5, max: 120, unit: 's', changed: false, isDefault: false, error: null,
    });
    expect(auto).toMatchObject({ kind: 'boolean', bounds: 'Default Off', isDefault: true });
    expect(billing).toMatchObject({ kind: 'enum', bounds: 'Default Per started minute', choices: [{ value: 'per_minute', label: 'Per started minute' }, { value: 'pulse_6s', label: 'Per 6-second pulse' }] });
    // A setting this app does not know yet still shows, with the server's description.
    expect(future).toMatchObject({ group: 'other', label: 'future setting x', description: 'Something the server added later.', bounds: 'Default 1 · 0–9' });
  });

  it('translates labels and descriptions', () => {
    const [ring] = settingFields(schema, saved, {}, createTranslate('id'));
    expect(ring).toMatchObject({ label: 'Lama dering per agen', bounds: 'Bawaan 30 dtk · 5–120 dtk' });
    expect(ring!.description).toContain('Detik');
  });

  it('checks bounds and whole numbers as the admin types', () => {
    expect(checkSetting(schema[0]!, '4', t)).toBe('At least 5.');
    expect(checkSetting(schema[0]!, '121', t)).toBe('At most 120.');
    expect(checkSetting(schema[0]!, '12.5', t)).toBe('Enter a whole number.');
    expect(checkSetting(schema[0]!, ' 60 ', t)).toBeNull();
    expect(checkSetting(schema[2]!, 'hourly', t)).toBe('Choose one of the values.');
    const [ring] = settingFields(schema, saved, { ring_timeout_s: '500' }, t);
    expect(ring).toMatchObject({ changed: true, error: 'At most 120.' });
  });

  it('sends only changed valid settings, typed; nothing while one is out of bounds', () => {
    expect(settingsPatch(schema, saved, { ring_timeout_s: '60', force_auto_answer: true, billing_granularity: 'per_minute' }, t))
      .toEqual({ ring_timeout_s: 60, force_auto_answer: true });
    expect(settingsPatch(schema, saved, { ring_timeout_s: '45' }, t)).toEqual({});
    expect(settingsPatch(schema, saved, { ring_timeout_s: '2', force_auto_answer: true }, t)).toBeNull();
  });

  it('reads the unit from the name', () => {
    expect([unitOf('queue_max_wait_s'), unitOf('permission_request_expiry_h'), unitOf('callback_expiry_min'), unitOf('minimum_balance_minor'), unitOf('time_zone')])
      .toEqual(['s', 'h', 'min', 'minor', null]);
  });
});
