import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import { AgentGroupsSection } from './AgentGroupsSection.js';
import { BillingSection } from './BillingSection.js';
import { CannedAnswersSection } from './CannedAnswersSection.js';
import { ChannelsSection } from './ChannelsSection.js';
import { ComplianceSection } from './ComplianceSection.js';
import { PauseReasonsSection, TagsSection } from './ListsSection.js';
import { PromptsSection } from './PromptsSection.js';
import { RingGroupsSection } from './RingGroupsSection.js';
import { SettingsSection } from './SettingsSection.js';
import { UsersSection } from './UsersSection.js';

const sections = [
  { id: 'channels', label: 'admin.channels' },
  { id: 'ring-groups', label: 'admin.ringGroups' },
  { id: 'agent-groups', label: 'admin.agentGroups' },
  { id: 'users', label: 'admin.users' },
  { id: 'pause-reasons', label: 'admin.pauseReasons' },
  { id: 'billing', label: 'admin.billing' },
  { id: 'compliance', label: 'admin.compliance' },
  { id: 'settings', label: 'admin.settings' },
  { id: 'tags', label: 'admin.tagsAndDispositions' },
  { id: 'canned-answers', label: 'admin.cannedAnswers' },
  { id: 'prompts', label: 'admin.prompts' },
] as const satisfies readonly { id: string; label: MessageKey }[];

type SectionId = (typeof sections)[number]['id'];

const fromHash = (): SectionId => {
  const h = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return sections.find((s) => s.id === h)?.id ?? 'channels';
};

/** Admin console: one section at a time (its name in the address, `#ring-groups`), chosen from the side list. */
export function AdminPage() {
  const { t } = useI18n();
  const [section, setSection] = useState<SectionId>(fromHash);
  useEffect(() => {
    const on = () => setSection(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (id: string) => {
    const s = sections.find((x) => x.id === id);
    if (!s) return;
    history.replaceState(null, '', `${location.pathname}#${s.id}`);
    setSection(s.id);
  };
  return (
    <div className="page page--wide admin">
      <nav className="admin__nav" aria-label={t('nav.admin')}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                className={`admin__link${section === s.id ? ' is-active' : ''}`}
                aria-current={section === s.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  go(s.id);
                }}
              >
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin__content">
        {section === 'channels' ? <ChannelsSection onGo={go} /> : null}
        {section === 'ring-groups' ? <RingGroupsSection /> : null}
        {section === 'agent-groups' ? <AgentGroupsSection /> : null}
        {section === 'users' ? <UsersSection /> : null}
        {section === 'pause-reasons' ? <PauseReasonsSection /> : null}
        {section === 'billing' ? <BillingSection /> : null}
        {section === 'compliance' ? <ComplianceSection /> : null}
        {section === 'settings' ? <SettingsSection /> : null}
        {section === 'tags' ? <TagsSection /> : null}
        {section === 'canned-answers' ? <CannedAnswersSection /> : null}
        {section === 'prompts' ? <PromptsSection /> : null}
      </div>
    </div>
  );
}
