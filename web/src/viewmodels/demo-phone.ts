import type { EmulatorCall } from '../api/emulator-client.js';
import type { Translate } from '../i18n/translate.js';

export interface DemoPhoneState {
  state: 'idle' | 'ringing_business' | 'calling' | 'in_call';
  text: string;
  /** The customer's call in progress (either direction), for Hang up. */
  active: EmulatorCall | null;
  /** A business call ringing on the customer's phone, for Answer / Decline. */
  ringingBusinessCall: EmulatorCall | null;
}

/** What the simulated customer's phone is doing, from the emulator's active calls. */
export function demoPhoneState(calls: readonly EmulatorCall[], t: Translate): DemoPhoneState {
  const active = calls.find((c) => c.state !== 'ended') ?? null;
  if (!active) return { state: 'idle', text: t('demo.phone.idle'), active: null, ringingBusinessCall: null };
  const business = active.direction === 'BUSINESS_INITIATED';
  if (business && active.state === 'ringing') return { state: 'ringing_business', text: t('demo.phone.ringing'), active, ringingBusinessCall: active };
  if (active.state === 'accepted') return { state: 'in_call', text: t('demo.phone.inCall'), active, ringingBusinessCall: null };
  return { state: 'calling', text: business ? t('demo.phone.connecting') : t('demo.phone.calling'), active, ringingBusinessCall: null };
}
