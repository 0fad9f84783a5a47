import { useCallback, useEffect, useState } from 'react';
import { askMicrophone, askNotifications, listMicrophones, queryPermission, watchPermission } from '../media/browser-permissions.js';
import type { ReadinessInput } from '../viewmodels/readiness.js';
import { useRuntime } from './runtime-context.js';

/** What the browser allows the desk (microphone, notifications, sound), kept current, and how to ask. */
export function useReadiness(): { input: ReadinessInput | null; ask(id: 'microphone' | 'notifications' | 'sound'): Promise<void> } {
  const runtime = useRuntime();
  const [input, setInput] = useState<ReadinessInput | null>(null);
  const refresh = useCallback(async () => {
    const [microphone, notifications, mics] = await Promise.all([queryPermission('microphone'), queryPermission('notifications'), listMicrophones()]);
    setInput({ microphone, notifications, sound: runtime.ringtone.state(), microphones: microphone === 'granted' ? mics.length : null });
  }, [runtime]);
  useEffect(() => {
    void refresh();
    const stops: (() => void)[] = [runtime.ringtone.onStateChange(() => void refresh())];
    void watchPermission('microphone', () => void refresh()).then((s) => stops.push(s));
    void watchPermission('notifications', () => void refresh()).then((s) => stops.push(s));
    // The first click anywhere unlocks sound (browsers require a gesture).
    const unlock = () => void runtime.ringtone.unlock().then(refresh);
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      stops.forEach((s) => s());
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [refresh, runtime]);
  const ask = useCallback(async (id: 'microphone' | 'notifications' | 'sound') => {
    if (id === 'microphone') await askMicrophone();
    else if (id === 'notifications') await askNotifications();
    else await runtime.ringtone.unlock();
    await refresh();
  }, [refresh, runtime]);
  return { input, ask };
}
