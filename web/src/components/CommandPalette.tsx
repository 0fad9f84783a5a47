import { useEffect, useMemo, useRef, useState } from 'react';
import { paletteItems } from '../actions/registry.js';
import { formatShortcut, parseShortcut } from '../actions/shortcut.js';
import { useActions } from '../app/actions-context.js';
import { isMac } from '../app/use-actions.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Icon } from './Icon.js';

/** Mod+K: every action available now, searchable; Enter runs it. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { ctx, run } = useActions();
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const items = useMemo(() => paletteItems(ctx, query, t), [ctx, query, t]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setIndex(0), [query]);
  const choose = (i: number) => {
    const item = items[i];
    if (!item) return;
    onClose();
    run(item.action.id);
  };
  return (
    <div className="backdrop backdrop--top" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.title')}>
        <div className="palette__search">
          <Icon name="search" />
          <input
            ref={input}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('palette.placeholder')}
            aria-label={t('palette.placeholder')}
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-activedescendant={items[index] ? `palette-${items[index].action.id}` : undefined}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); setIndex((i) => Math.min(items.length - 1, i + 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setIndex((i) => Math.max(0, i - 1)); }
              else if (e.key === 'Enter') { e.preventDefault(); choose(index); }
              else if (e.key === 'Escape') { e.preventDefault(); onClose(); }
            }}
          />
        </div>
        <ul id="palette-list" className="palette__list" role="listbox">
          {items.length === 0 ? <li className="palette__empty">{t('palette.empty')}</li> : null}
          {items.map((item, i) => (
            <li
              key={item.action.id}
              id={`palette-${item.action.id}`}
              role="option"
              aria-selected={i === index}
              className={`palette__item${i === index ? ' is-active' : ''}`}
              onMouseEnter={() => setIndex(i)}
              onMouseDown={(e) => { e.preventDefault(); choose(i); }}
            >
              <span>{item.label}</span>
              {item.shortcut ? <kbd>{formatShortcut(parseShortcut(item.shortcut), isMac)}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
