import { useI18n } from '../i18n/i18n-context.js';
import type { PageId } from '../viewmodels/routes.js';
import { Icon } from './Icon.js';

/** A page that is routed and in the navigation but not built yet. */
export function Placeholder({ page, detail }: { page: Exclude<PageId, 'desk' | 'conversations'>; detail?: string | null }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <section className="empty" data-placeholder={page}>
        <Icon name={page === 'wallboard' ? 'chart' : page === 'records' ? 'list' : 'settings'} size={32} />
        <h2>{t(`placeholder.${page}.title`)}</h2>
        <p>{t(`placeholder.${page}.body`)}</p>
        {detail ? <p className="muted mono">{detail}</p> : null}
      </section>
    </div>
  );
}
