import { useEffect, useMemo, useState } from 'react';
import { createEmulatorClient, type EmulatorCall } from '../api/emulator-client.js';
import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { demoPhoneState } from '../viewmodels/demo-phone.js';
import { Icon } from './Icon.js';

/**
 * Demo mode only: plays the WhatsApp customer through the Meta emulator's control API, so one
 * person can try every flow (message, call in, answer a business call, grant permission) alone.
 */
export function DemoPanel() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const config = useRuntimeStore((r) => r.reference, (d) => d.config);
  const channels = useRuntimeStore((r) => r.reference, (d) => d.channels);
  const prefs = useRuntimeStore((r) => r.preferences);
  const numbers = channels.filter((c) => c.type === 'whatsapp' && c.phone_number_id);
  const [channelId, setChannelId] = useState<string>('');
  const [text, setText] = useState('');
  const [silent, setSilent] = useState(false);
  const [calls, setCalls] = useState<EmulatorCall[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const emu = useMemo(() => (config.emulator_url ? createEmulatorClient(config.emulator_url) : null), [config.emulator_url]);
  const channel = numbers.find((c) => c.id === channelId) ?? numbers[0] ?? null;
  const customer = prefs.demoCustomer;
  const open = prefs.demoPanelOpen;

  useEffect(() => {
    if (!emu || !open) return;
    let live = true;
    const load = () => emu.activeCalls(customer).then((c) => live && setCalls(c)).catch(() => live && setCalls([]));
    void load();
    const id = setInterval(load, 1_500);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [emu, open, customer]);

  if (!config.demo || !emu) return null;
  const phone = demoPhoneState(calls, t);
  const to = channel?.phone_number_id ?? '';

  const act = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      setResult({ ok: true, text: label });
      setCalls(await emu.activeCalls(customer).catch(() => []));
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  const setOpen = (v: boolean) => runtime.preferences.set((p) => ({ ...p, demoPanelOpen: v }));

  if (!open) {
    return (
      <button type="button" className="demo-toggle" onClick={() => setOpen(true)} aria-expanded="false" aria-label={t('demo.title')} title={t('demo.title')}>
        <Icon name="flask" /> <span>{t('demo.title')}</span>
      </button>
    );
  }
  return (
    <aside className="demo" aria-labelledby="demo-title">
      <header className="demo__head">
        <Icon name="flask" />
        <h2 id="demo-title">{t('demo.title')}</h2>
        <button type="button" className="icon-button" onClick={() => setOpen(false)} aria-label={t('demo.hide')} aria-expanded="true"><Icon name="x" size={16} /></button>
      </header>
      <p className="demo__hint">{t('demo.hint')}</p>
      <div className="demo__grid">
        <label className="field">
          <span className="field__label">{t('demo.customer')}</span>
          <input value={customer} onChange={(e) => runtime.preferences.set((p) => ({ ...p, demoCustomer: e.target.value }))} inputMode="tel" data-testid="demo-customer" />
        </label>
        <label className="field">
          <span className="field__label">{t('demo.business')}</span>
          <select value={channel?.id ?? ''} onChange={(e) => setChannelId(e.target.value)}>
            {numbers.map((c) => <option key={c.id} value={c.id}>{c.name} · {c.display_number}</option>)}
          </select>
        </label>
      </div>
      <div className="demo__phone" data-state={phone.state} data-testid="demo-phone">
        <Icon name="phone" size={16} /> {phone.text}
      </div>

      <form className="demo__row" onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        void act(t('demo.sent'), () => emu.sendMessage(customer, to, text.trim())).then(() => setText(''));
      }}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('demo.messagePlaceholder')} aria-label={t('demo.message')} />
        <button type="submit" className="btn btn--small" disabled={!to || !text.trim()}><Icon name="send" size={16} /><span>{t('demo.send')}</span></button>
      </form>

      <div className="demo__group">
        <div className="demo__group-title">{t('demo.calls')}</div>
        <div className="demo__buttons">
          <button type="button" className="btn btn--small btn--accept" disabled={!to || phone.active !== null}
            onClick={() => void act(t('demo.calling'), () => emu.placeCall(customer, to, { silent }))}>
            <Icon name="phone" size={16} /><span>{t('demo.callBusiness')}</span>
          </button>
          <label className="check">
            <input type="checkbox" checked={silent} onChange={(e) => setSilent(e.target.checked)} />
            <span>{t('demo.silent')}</span>
          </label>
        </div>
        <div className="demo__buttons">
          <button type="button" className="btn btn--small" disabled={!phone.ringingBusinessCall} onClick={() => phone.ringingBusinessCall && void act(t('demo.answered'), () => emu.answer(phone.ringingBusinessCall!.id))}>
            {t('demo.answer')}
          </button>
          <button type="button" className="btn btn--small" disabled={!phone.ringingBusinessCall} onClick={() => phone.ringingBusinessCall && void act(t('demo.declined'), () => emu.decline(phone.ringingBusinessCall!.id))}>
            {t('demo.decline')}
          </button>
          <button type="button" className="btn btn--small btn--danger" disabled={!phone.active} onClick={() => phone.active && void act(t('demo.hungUp'), () => emu.hangup(phone.active!.id))}>
            <Icon name="phoneOff" size={16} /><span>{t('demo.hangup')}</span>
          </button>
        </div>
      </div>

      <div className="demo__group">
        <div className="demo__group-title">{t('demo.permission')}</div>
        <div className="demo__buttons">
          <button type="button" className="btn btn--small" disabled={!to} onClick={() => void act(t('demo.granted'), () => emu.grant(customer, to, false))}>{t('demo.grantTemporary')}</button>
          <button type="button" className="btn btn--small" disabled={!to} onClick={() => void act(t('demo.granted'), () => emu.grant(customer, to, true))}>{t('demo.grantPermanent')}</button>
          <button type="button" className="btn btn--small" disabled={!to} onClick={() => void act(t('demo.denied'), () => emu.deny(customer, to))}>{t('demo.deny')}</button>
        </div>
      </div>
      {result ? <div className={`demo__result${result.ok ? '' : ' is-error'}`} role="status">{result.text}</div> : null}
    </aside>
  );
}
