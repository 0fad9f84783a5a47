import { describe, expect, it } from 'vitest';
import { t } from '../testing/fixtures.js';
import { readinessModel } from './readiness.js';

describe('readiness at sign-in', () => {
  it('is ready with microphone, notifications and sound', () => {
    const m = readinessModel({ microphone: 'granted', notifications: 'granted', sound: 'running', microphones: 1 }, t);
    expect(m).toMatchObject({ ready: true, summary: 'Microphone, notifications and sound are ready.' });
  });

  it('says which permission is missing', () => {
    const m = readinessModel({ microphone: 'granted', notifications: 'prompt', sound: 'running', microphones: 2 }, t);
    expect(m.ready).toBe(false);
    expect(m.summary).toBe('Missing: notifications.');
    expect(m.items.find((i) => i.id === 'notifications')).toMatchObject({ ok: false, canAsk: true });
  });

  it('lists several missing ones and explains a blocked microphone', () => {
    const m = readinessModel({ microphone: 'denied', notifications: 'denied', sound: 'suspended', microphones: null }, t);
    expect(m.summary).toBe('Missing: microphone, notifications and sound.');
    const mic = m.items.find((i) => i.id === 'microphone')!;
    expect(mic.canAsk).toBe(false);
    expect(mic.help).toMatch(/blocked/);
    expect(m.items.find((i) => i.id === 'sound')?.canAsk).toBe(true);
  });

  it('treats a granted microphone with no device as missing', () => {
    const m = readinessModel({ microphone: 'granted', notifications: 'granted', sound: 'running', microphones: 0 }, t);
    expect(m.items[0]).toMatchObject({ ok: false, help: 'No microphone was found. Plug in a headset.' });
  });
});
