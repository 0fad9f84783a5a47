import { useState } from 'react';
import type { ChannelDetail } from '../../api/admin-types.js';
import { useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { healthView } from '../../viewmodels/channel-settings.js';

function CopyField({ label, value, secret }: { label: string; value: string; secret?: boolean }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(!secret);
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <span className="field__label">{label}</span>
      <div className="copy-field">
        <input readOnly value={shown ? value : '•'.repeat(Math.min(24, value.length))} aria-label={label} className="mono" onFocus={(e) => shown && e.target.select()} />
        {secret ? <button type="button" className="btn btn--small btn--ghost" onClick={() => setShown((v) => !v)}>{shown ? t('channel.hide') : t('channel.show')}</button> : null}
        <button type="button" className="btn btn--small" onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 2_000);
          });
        }}>
          <Icon name={copied ? 'check' : 'copy'} size={15} /><span>{copied ? t('channel.copied') : t('channel.copy')}</span>
        </button>
      </div>
    </div>
  );
}

/** Webhook URL and verify token to paste into Meta, calling health, and who works on this number. */
export function ChannelConnection({ channel, onMembers }: { channel: ChannelDetail; onMembers: (ids: string[]) => Promise<boolean> }) {
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const users = useRuntimeStore((r) => r.reference, (d) => d.users);
  const h = healthView(channel.health ?? {}, fmt.dateTime, t);
  return (
    <section className="admin-card" aria-labelledby="connection-title">
      <h4 id="connection-title" className="admin-card__subtitle">{t('channel.webhook')}</h4>
      <CopyField label={t('channel.webhookUrl')} value={channel.webhook_url} />
      {channel.verify_token ? <CopyField label={t('channel.verifyToken')} value={channel.verify_token} secret /> : null}
      <p className="muted small">{t('channel.webhookHelp')}</p>

      <h4 className="admin-card__subtitle">{t('channel.health')}</h4>
      <dl className="fields" data-testid="channel-health">
        <div><dt>{t('channel.health.rate7')}</dt><dd>{h.rate7} <span className="muted small">{h.calls7}</span></dd></div>
        <div><dt>{t('channel.health.rate30')}</dt><dd>{h.rate30} <span className="muted small">{h.calls30}</span></dd></div>
      </dl>
      {h.low ? <p className="note note--warn">{t('channel.health.low')}</p> : null}
      {h.restrictions.length + h.violations.length === 0 ? <p className="muted small">{t('channel.health.clean')}</p> : (
        <ul className="health-list">
          {h.restrictions.map((r) => (
            <li key={r.type} className={r.active ? 'is-active' : undefined}>
              <strong>{r.type.replace(/_/g, ' ')}</strong> · {r.active ? (r.until ? t('channel.health.until', { at: r.until }) : t('channel.health.inForce')) : t('channel.health.expired')}
            </li>
          ))}
          {h.violations.map((v) => <li key={v.type}><strong>{v.type.replace(/_/g, ' ')}</strong> · {t('channel.health.reported', { at: v.at })}</li>)}
        </ul>
      )}

      <h4 className="admin-card__subtitle">{t('channel.members')}</h4>
      <p className="muted small">{t('channel.membersHelp')}</p>
      <div className="chips" data-testid="channel-members">
        {users.filter((u) => u.role === 'agent' || channel.member_ids.includes(u.id)).map((u) => {
          const on = channel.member_ids.includes(u.id);
          return (
            <label key={u.id} className={`chip${on ? ' is-on' : ''}`}>
              <input type="checkbox" checked={on} onChange={() => void onMembers(on ? channel.member_ids.filter((x) => x !== u.id) : [...channel.member_ids, u.id])} />
              {on ? <Icon name="check" size={13} /> : null} {u.name}
            </label>
          );
        })}
      </div>
    </section>
  );
}
