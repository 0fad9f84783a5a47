import { useEffect, useState } from 'react';
import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { listMicrophones } from '../media/browser-permissions.js';
import { Icon } from './Icon.js';

/** Chooses the microphone; during a call the new one replaces the old without a pause for the caller. */
export function MicrophonePicker() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const selected = useRuntimeStore((r) => r.preferences, (p) => p.microphoneId);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void listMicrophones().then((d) => live && setDevices(d));
    load();
    navigator.mediaDevices?.addEventListener?.('devicechange', load);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener?.('devicechange', load);
    };
  }, []);
  return (
    <label className="mic-picker">
      <Icon name="mic" size={16} />
      <span className="sr-only">{t('widget.microphone')}</span>
      <select value={selected ?? ''} onChange={(e) => void runtime.calls.switchMicrophone(e.target.value || null)} aria-label={t('widget.microphone')}>
        <option value="">{t('widget.defaultMicrophone')}</option>
        {devices.filter((d) => d.deviceId && d.deviceId !== 'default').map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>{d.label || t('widget.microphoneN', { n: i + 1 })}</option>
        ))}
      </select>
    </label>
  );
}
