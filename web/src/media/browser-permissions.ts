import type { PermissionState } from '../viewmodels/readiness.js';

/** Reads a browser permission without prompting. */
export async function queryPermission(name: 'microphone' | 'notifications'): Promise<PermissionState> {
  if (name === 'notifications' && typeof Notification === 'undefined') return 'unsupported';
  if (name === 'microphone' && !navigator.mediaDevices?.getUserMedia) return 'unsupported';
  try {
    const status = await navigator.permissions.query({ name: name as PermissionName });
    return status.state;
  } catch {
    if (name === 'notifications') return Notification.permission === 'default' ? 'prompt' : Notification.permission;
    return 'unknown';
  }
}

/** Watches a permission; calls back when the user changes it in the browser's settings. */
export async function watchPermission(name: 'microphone' | 'notifications', fn: () => void): Promise<() => void> {
  try {
    const status = await navigator.permissions.query({ name: name as PermissionName });
    status.addEventListener('change', fn);
    return () => status.removeEventListener('change', fn);
  } catch {
    return () => {};
  }
}

/** Asks for the microphone (the browser's prompt) and lets it go at once. */
export async function askMicrophone(): Promise<boolean> {
  try {
    const s = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    for (const t of s.getTracks()) t.stop();
    return true;
  } catch {
    return false;
  }
}

export async function askNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  return (await Notification.requestPermission()) === 'granted';
}

export async function listMicrophones(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
  } catch {
    return [];
  }
}

/** A system notification for an incoming call while the tab is hidden; clicking it brings the desk back. */
export function notifyIncomingCall(title: string, body: string, tag: string): (() => void) | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return null;
  try {
    const n = new Notification(title, { body, tag, requireInteraction: true });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    return () => n.close();
  } catch {
    return null;
  }
}
