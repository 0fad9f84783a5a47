import { useState } from 'react';
import { useRuntimeStore } from '../../app/runtime-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { RecordDetail } from './RecordDetail.js';
import { RecordsList } from './RecordsList.js';
import { ReportsTab } from './ReportsTab.js';

type Tab = 'records' | 'reports';

/** Call records with filters, advanced search and CSV export; the reports tab (staff); a record's details at `/records/:id`. */
export function RecordsPage({ callId }: { callId: string | null }) {
  const { t } = useI18n();
  const role = useRuntimeStore((r) => r.user, (u) => u.role);
  const [tab, setTab] = useState<Tab>('records');
  if (callId) return <RecordDetail callId={callId} />;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'records', label: t('records.tab.records') },
    ...(role !== 'agent' ? [{ id: 'reports' as const, label: t('records.tab.reports') }] : []),
  ];
  return (
    <div className="page page--wide records">
      {tabs.length > 1 ? (
        <div className="page-tabs" role="tablist" aria-label={t('nav.records')}>
          {tabs.map((x) => (
            <button
              key={x.id}
              type="button"
              role="tab"
              id={`records-tab-${x.id}`}
              aria-selected={tab === x.id}
              aria-controls={`records-panel-${x.id}`}
              className={`page-tabs__tab${tab === x.id ? ' is-active' : ''}`}
              onClick={() => setTab(x.id)}
            >
              {x.label}
            </button>
          ))}
        </div>
      ) : null}
      <div role="tabpanel" id={`records-panel-${tab}`} aria-labelledby={tabs.length > 1 ? `records-tab-${tab}` : undefined}>
        {tab === 'records' ? <RecordsList /> : <ReportsTab />}
      </div>
    </div>
  );
}
