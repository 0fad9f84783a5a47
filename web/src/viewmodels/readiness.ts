import type { Translate } from '../i18n/translate.js';

/** What the browser said about a permission the desk needs. */
export type PermissionState = 'granted' | 'denied' | 'prompt' | 'unsupported' | 'unknown';

export interface ReadinessInput {
  microphone: PermissionState;
  notifications: PermissionState;
  /** Sound may play (the page's audio is unlocked by a click). */
  sound: 'running' | 'suspended' | 'unsupported';
  /** Microphones the browser lists (0 = none plugged in). */
  microphones: number | null;
}

export interface ReadinessItem {
  id: 'microphone' | 'notifications' | 'sound';
  ok: boolean;
  label: string;
  /** What is missing and how to fix it. */
  help: string | null;
  /** A button can ask the browser (not possible once the user blocked it). */
  canAsk: boolean;
}

export interface ReadinessModel {
  ready: boolean;
  /** "Microphone and notifications are missing" — one line for the banner. */
  summary: string;
  items: ReadinessItem[];
}

/** The desk's sign-in check: microphone, notifications and sound, and which one is missing. */
export function readinessModel(input: ReadinessInput, t: Translate): ReadinessModel {
  const micOk = input.microphone === 'granted' && input.microphones !== 0;
  const mic: ReadinessItem = {
    id: 'microphone', ok: micOk, label: t('ready.microphone'),
    help: micOk ? null
      : input.microphones === 0 ? t('ready.microphone.none')
      : input.microphone === 'denied' ? t('ready.microphone.blocked')
      : input.microphone === 'unsupported' ? t('ready.unsupported')
      : t('ready.microphone.ask'),
    canAsk: !micOk && input.microphone !== 'denied' && input.microphone !== 'unsupported' && input.microphones !== 0,
  };
  const notesOk = input.notifications === 'granted';
  const notes: ReadinessItem = {
    id: 'notifications', ok: notesOk, label: t('ready.notifications'),
    help: notesOk ? null
      : input.notifications === 'denied' ? t('ready.notifications.blocked')
      : input.notifications === 'unsupported' ? t('ready.unsupported')
      : t('ready.notifications.ask'),
    canAsk: !notesOk && input.notifications !== 'denied' && input.notifications !== 'unsupported',
  };
  const soundOk = input.sound === 'running';
  const sound: ReadinessItem = {
    id: 'sound', ok: soundOk, label: t('ready.sound'),
    help: soundOk ? null : input.sound === 'unsupported' ? t('ready.unsupported') : t('ready.sound.ask'),
    canAsk: input.sound === 'suspended',
  };
  const items = [mic, notes, sound];
  const missing = items.filter((i) => !i.ok).map((i) => i.label.toLowerCase());
  const summary = missing.length === 0 ? t('ready.all')
    : missing.length === 1 ? t('ready.missingOne', { what: missing[0]! })
    : t('ready.missingMany', { what: `${missing.slice(0, -1).join(', ')} ${t('ready.and')} ${missing.at(-1)!}` });
  return { ready: missing.length === 0, summary, items };
}
