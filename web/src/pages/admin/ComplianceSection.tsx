import { useState } from 'react';
import { complianceLists, type ComplianceList } from '../../api/admin-types.js';
import { useRuntime, useTimeFormat } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { AdminSection } from './AdminSection.js';
import { useLoader } from './use-loader.js';

const COUNTRY = /^[A-Z]{2}$/;

/** Do-not-call, deny and allow numbers; the destination countries business calls may go to. */
export function ComplianceSection() {
  const runtime = useRuntime();
  const { t, tag } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const [list, setList] = useState<ComplianceList>('do_not_call');
  const numbers = useLoader(async () => (await runtime.api.complianceNumbers(list)).items, [runtime, list]);
  const countries = useLoader(async () => (await runtime.api.allowedCountries()).items.map((c) => c.country), [runtime]);
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [country, setCountry] = useState('');
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const names = (() => {
    try {
      return new Intl.DisplayNames([tag], { type: 'region' });
    } catch {
      return null;
    }
  })();
  const attempt = async (fn: () => Promise<void>) => {
    setRefusal(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setRefusal(await explain(e));
      return false;
    }
  };
  const setCountries = (next: string[]) => attempt(async () => {
    await runtime.api.setAllowedCountries(next);
    countries.set(next);
  });
  return (
    <>
      <AdminSection id="compliance" title={t('admin.compliance')} lead={t('compliance.lead')}>
        <div className="page-tabs page-tabs--small" role="tablist" aria-label={t('compliance.lists')}>
          {complianceLists.map((l) => (
            <button key={l} type="button" role="tab" aria-selected={list === l} className={`page-tabs__tab${list === l ? ' is-active' : ''}`} onClick={() => setList(l)}>{t(`compliance.list.${l}`)}</button>
          ))}
        </div>
        <p className="muted small">{t(`compliance.help.${list}`)}</p>
        <form className="inline-form admin-create" onSubmit={async (e) => {
          e.preventDefault();
          const ok = await attempt(async () => {
            const n = await runtime.api.addComplianceNumber(list, phone.trim(), note.trim() || null);
            numbers.set((xs) => [n, ...(xs ?? [])]);
          });
          if (ok) {
            setPhone('');
            setNote('');
          }
        }}>
          <input aria-label={t('compliance.number')} placeholder="+62 812 3456 7890" value={phone} maxLength={40} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
          <input aria-label={t('compliance.note')} placeholder={t('compliance.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="btn btn--small btn--primary" disabled={!phone.trim()}><Icon name="plus" size={15} /><span>{t('admin.add')}</span></button>
        </form>
        <RefusalNote refusal={numbers.refusal ?? refusal} onClose={() => { numbers.clearRefusal(); setRefusal(null); }} />
        {!numbers.data ? <p className="muted">{t('common.loading')}</p> : numbers.data.length === 0 ? <p className="muted">{t('admin.noneYet')}</p> : (
          <div className="table-wrap">
            <table className="table table--compact" data-testid={`compliance-${list}`}>
              <thead><tr><th scope="col">{t('compliance.number')}</th><th scope="col">{t('compliance.country')}</th><th scope="col">{t('compliance.note')}</th><th scope="col">{t('compliance.added')}</th><th scope="col"><span className="sr-only">{t('records.actions')}</span></th></tr></thead>
              <tbody>
                {numbers.data.map((n) => (
                  <tr key={n.id}>
                    <td className="mono">{n.phone_number}</td>
                    <td>{n.country ? names?.of(n.country) ?? n.country : '—'}</td>
                    <td>{n.note ?? ''}</td>
                    <td className="small">{fmt.dateTime(n.created_at)}</td>
                    <td className="row-actions">
                      <button type="button" className="icon-button" aria-label={t('admin.deleteOf', { name: n.phone_number })} onClick={() => void attempt(async () => {
                        await runtime.api.removeComplianceNumber(n.id);
                        numbers.set((xs) => (xs ?? []).filter((x) => x.id !== n.id));
                      })}><Icon name="trash" size={16} /></button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AdminSection>

      <AdminSection id="countries" title={t('compliance.countries')} lead={t('compliance.countriesLead')}>
        {!countries.data ? <p className="muted">{t('common.loading')}</p> : (
          <>
            <div className="chips" data-testid="allowed-countries">
              {countries.data.length === 0 ? <span className="muted">{t('compliance.allCountries')}</span> : countries.data.map((c) => (
                <span key={c} className="chip is-on">
                  {names?.of(c) ?? c} <span className="mono small">{c}</span>
                  <button type="button" className="chip__remove" aria-label={t('admin.deleteOf', { name: c })} onClick={() => void setCountries(countries.data!.filter((x) => x !== c))}><Icon name="x" size={13} /></button>
                </span>
              ))}
            </div>
            <form className="inline-form admin-create" onSubmit={async (e) => {
              e.preventDefault();
              const code = country.trim().toUpperCase();
              if (!COUNTRY.test(code) || countries.data!.includes(code)) return;
              if (await setCountries([...countries.data!, code].sort())) setCountry('');
            }}>
              <input aria-label={t('compliance.countryCode')} placeholder="ID" value={country} maxLength={2} onChange={(e) => setCountry(e.target.value)} className="input--short" />
              <button type="submit" className="btn btn--small" disabled={!COUNTRY.test(country.trim().toUpperCase())}><Icon name="plus" size={15} /><span>{t('compliance.allowCountry')}</span></button>
              {COUNTRY.test(country.trim().toUpperCase()) ? <span className="muted small">{names?.of(country.trim().toUpperCase())}</span> : null}
            </form>
          </>
        )}
      </AdminSection>
    </>
  );
}
