import { useEffect, useState } from 'react';
import type { LedgerEntry, Rate } from '../../api/admin-types.js';
import { navigate } from '../../app/router.js';
import { useRuntime, useTimeFormat } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatMoney, parseMoney } from '../../viewmodels/money.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { pathOf } from '../../viewmodels/routes.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

interface RateRow {
  key: number;
  country: string;
  amount: string;
}

/** The voice balance with top-up and the ledger; the per-minute rates by callee country. */
export function BillingSection() {
  const runtime = useRuntime();
  const { t, tag } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const balance = useLoader(() => runtime.api.balanceDetail(), [runtime]);
  const rates = useLoader(() => runtime.api.rates(), [runtime]);
  const [ledger, setLedger] = useState<{ items: LedgerEntry[]; cursor: string | null } | null>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<RateRow[] | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [saved, setSaved] = useState(false);

  const loadLedger = async (cursor: string | null) => {
    try {
      const p = await runtime.api.ledger(cursor);
      setLedger((l) => ({ items: [...(cursor ? l?.items ?? [] : []), ...p.items], cursor: p.next_cursor }));
    } catch (e) {
      setRefusal(await explain(e));
    }
  };
  useEffect(() => {
    void loadLedger(null);
  }, [runtime]);
  const currency = balance.data?.currency ?? rates.data?.currency ?? 'IDR';
  useEffect(() => {
    if (rates.data && rows === null) {
      setRows(rates.data.items.map((r, i) => ({ key: i, country: r.country, amount: formatMoney(r.rate_per_minute_minor, currency, 'en-US').replace(/[^\d.,]/g, '') })));
    }
  }, [rates.data, rows, currency]);

  const money = (minor: number) => formatMoney(minor, currency, tag);
  const minTopUp = balance.data?.minimum_top_up_minor ?? 0;
  const amountMinor = parseMoney(amount, currency);
  const topUpError = amount && amountMinor === null ? t('billing.error.amount') : amountMinor !== null && amountMinor < minTopUp ? t('billing.error.minimum', { amount: money(minTopUp) }) : null;

  const parsedRates: Rate[] | null = rows && rows.every((r) => /^(\*|[A-Za-z]{2})$/.test(r.country.trim()) && parseMoney(r.amount, currency) !== null)
    ? rows.map((r) => ({ country: r.country.trim().toUpperCase(), rate_per_minute_minor: parseMoney(r.amount, currency)! }))
    : null;
  const duplicate = parsedRates && new Set(parsedRates.map((r) => r.country)).size !== parsedRates.length;

  const b = balance.data;
  return (
    <>
      <AdminSection id="billing" title={t('admin.billing')} lead={t('billing.lead')}>
        <RefusalNote refusal={balance.refusal ?? rates.refusal ?? refusal} onClose={() => { balance.clearRefusal(); rates.clearRefusal(); setRefusal(null); }} />
        {!b ? <p className="muted">{t('common.loading')}</p> : (
          <div className="balance">
            <div className={`kpi ${b.below_minimum ? 'kpi--bad' : 'kpi--ok'}`} data-testid="balance">
              <span className="kpi__label">{t('billing.balance')}</span>
              <span className="kpi__value">{money(b.balance_minor)}</span>
              <span className="kpi__hint">{b.below_minimum ? t('billing.belowMinimum', { amount: money(b.minimum_balance_minor) }) : t('billing.minimum', { amount: money(b.minimum_balance_minor) })}</span>
            </div>
            <form className="topup" aria-label={t('billing.topUp')} onSubmit={async (e) => {
              e.preventDefault();
              if (amountMinor === null || topUpError) return;
              setRefusal(null);
              try {
                await runtime.api.topUp(amountMinor, note.trim() || null);
                setAmount('');
                setNote('');
                await Promise.all([balance.reload(), loadLedger(null)]);
              } catch (err) {
                setRefusal(await explain(err));
              }
            }}>
              <h3 className="admin-card__subtitle">{t('billing.topUp')}</h3>
              <div className="inline-form">
                <input aria-label={t('billing.amount', { currency })} placeholder={formatMoney(minTopUp, currency, tag)} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-invalid={topUpError ? true : undefined} />
                <input aria-label={t('compliance.note')} placeholder={t('compliance.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
                <button type="submit" className="btn btn--small btn--primary" disabled={amountMinor === null || topUpError !== null}>{t('billing.topUpSubmit')}</button>
              </div>
              <span className={topUpError ? 'field__error' : 'field__hint'}>{topUpError ?? t('billing.minimumTopUp', { amount: money(minTopUp) })}</span>
            </form>
          </div>
        )}
        <h3 className="admin-card__subtitle">{t('billing.ledger')}</h3>
        {!ledger ? <p className="muted">{t('common.loading')}</p> : ledger.items.length === 0 ? <p className="muted">{t('admin.noneYet')}</p> : (
          <div className="table-wrap">
            <table className="table table--compact" data-testid="ledger">
              <thead><tr><th scope="col">{t('calls.when')}</th><th scope="col">{t('billing.kind')}</th><th scope="col" className="num">{t('billing.change')}</th><th scope="col" className="num">{t('billing.after')}</th><th scope="col">{t('compliance.note')}</th></tr></thead>
              <tbody>
                {ledger.items.map((l) => (
                  <tr key={l.id}>
                    <td className="small">{fmt.dateTime(l.created_at)}</td>
                    <td>{t(`billing.kind.${l.kind}`)}</td>
                    <td className={`num mono ${l.amount_minor < 0 ? 'text-bad' : 'text-ok'}`}>{l.amount_minor > 0 ? '+' : ''}{formatMoney(l.amount_minor, l.currency, tag)}</td>
                    <td className="num mono">{formatMoney(l.balance_after_minor, l.currency, tag)}</td>
                    <td>{l.call_id ? <a href={pathOf('records', l.call_id)} onClick={(e) => { e.preventDefault(); navigate(pathOf('records', l.call_id!)); }}>{t('billing.call')}</a> : l.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {ledger.cursor ? <div className="pad center"><button type="button" className="btn btn--small" onClick={() => void loadLedger(ledger.cursor)}>{t('records.more')}</button></div> : null}
          </div>
        )}
      </AdminSection>

      <AdminSection id="rates" title={t('billing.rates')} lead={t('billing.ratesLead')}>
        {!rows ? <p className="muted">{t('common.loading')}</p> : (
          <form onSubmit={async (e) => {
            e.preventDefault();
            if (!parsedRates || duplicate) return;
            setRefusal(null);
            setSaved(false);
            try {
              const r = await runtime.api.setRates(parsedRates);
              rates.set(r);
              setSaved(true);
            } catch (err) {
              setRefusal(await explain(err));
            }
          }}>
            <table className="table table--compact rates" data-testid="rates">
              <thead><tr><th scope="col">{t('billing.country')}</th><th scope="col">{t('billing.perMinute', { currency })}</th><th scope="col"><span className="sr-only">{t('records.actions')}</span></th></tr></thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.key}>
                    <td><input className="input--short" aria-label={t('billing.countryOf', { n: i + 1 })} value={r.country} maxLength={2} onChange={(e) => { setSaved(false); setRows(rows.map((x) => (x.key === r.key ? { ...x, country: e.target.value } : x))); }} /></td>
                    <td><input aria-label={t('billing.rateOf', { n: i + 1 })} value={r.amount} inputMode="decimal" onChange={(e) => { setSaved(false); setRows(rows.map((x) => (x.key === r.key ? { ...x, amount: e.target.value } : x))); }} /></td>
                    <td><button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: r.country })} onClick={() => setRows(rows.filter((x) => x.key !== r.key))}><Icon name="trash" size={16} /></button></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t('billing.anyCountry')}</p>
            <div className="form-actions form-actions--left">
              <button type="button" className="btn btn--small" onClick={() => setRows([...rows, { key: Math.max(0, ...rows.map((x) => x.key)) + 1, country: '', amount: '' }])}><Icon name="plus" size={15} /><span>{t('billing.addRate')}</span></button>
              <button type="submit" className="btn btn--small btn--primary" disabled={!parsedRates || Boolean(duplicate)}>{t('billing.saveRates')}</button>
              {!parsedRates ? <span className="field__error">{t('billing.error.rates')}</span> : duplicate ? <span className="field__error">{t('billing.error.duplicate')}</span> : saved ? <span className="form-hint" role="status">{t('record.saved')}</span> : null}
            </div>
          </form>
        )}
      </AdminSection>
    </>
  );
}
