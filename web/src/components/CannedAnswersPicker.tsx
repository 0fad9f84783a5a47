import { useEffect, useRef, useState } from 'react';
import type { CannedAnswer } from '../api/admin-types.js';
import { useRuntime } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { cannedItems } from '../viewmodels/canned-answers.js';
import { Icon } from './Icon.js';

/**
 * The composer's canned answers: general and this channel's, blended and searchable, told apart by
 * their icon. Arrow keys move, Enter inserts, Escape closes.
 */
export function CannedAnswersPicker({ channelId, onPick, onClose }: { channelId: string; onPick: (body: string) => void; onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [answers, setAnswers] = useState<CannedAnswer[] | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  // The server searches too (long lists); the local filter keeps typing instant.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      runtime.api.cannedAnswers({ channel_id: channelId, q: query.trim().replace(/^\//, '') || undefined, limit: 100 })
        .then((p) => live && setAnswers(p.items), (e) => {
          if (!live) return;
          setAnswers([]);
          runtime.refuse(e);
        });
    }, answers === null ? 0 : 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runtime, channelId, query]);
  useEffect(() => input.current?.focus(), []);

  const items = cannedItems(answers ?? [], query, channelId);
  const pick = (i: number) => {
    const item = items[i];
    if (item) onPick(item.body);
  };
  const listId = `canned-${channelId}`;
  return (
    <div className="canned" role="dialog" aria-label={t('canned.title')} data-testid="canned-answers">
      <div className="canned__search">
        <Icon name="search" size={16} />
        <input
          ref={input}
          value={query}
          onChange={(e) => { setQuery(e.target.value); setActive(0); }}
          placeholder={t('canned.search')}
          aria-label={t('canned.search')}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={items[active] ? `${listId}-${items[active].id}` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              pick(active);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
            }
          }}
        />
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}><Icon name="x" size={16} /></button>
      </div>
      <ul className="canned__list" id={listId} role="listbox" aria-label={t('canned.title')}>
        {answers === null ? <li className="canned__empty">{t('common.loading')}</li> : items.length === 0 ? <li className="canned__empty">{t('canned.empty')}</li> : null}
        {items.map((a, i) => (
          <li
            key={a.id}
            id={`${listId}-${a.id}`}
            role="option"
            aria-selected={i === active}
            className={`canned__item${i === active ? ' is-active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(i)}
            data-scope={a.scope}
          >
            <span className={`canned__icon canned__icon--${a.scope}`} title={a.scope === 'general' ? t('canned.general') : t('canned.channel', { channel: a.channelName ?? '' })}>
              <Icon name={a.scope === 'general' ? 'globe' : 'chat'} size={15} label={a.scope === 'general' ? t('canned.general') : t('canned.channel', { channel: a.channelName ?? '' })} />
            </span>
            <span className="canned__text">
              <span className="canned__title">{a.title}{a.shortcut ? <kbd>/{a.shortcut}</kbd> : null}</span>
              <span className="canned__preview">{a.preview}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
