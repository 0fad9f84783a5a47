import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dropIndex, moveItem, moveMember, sameOrder, type Member } from '../../viewmodels/member-order.js';

/**
 * An ordered member list: drag a row by its grip (or focus the grip and use the arrow keys, Home
 * and End; or the up/down buttons) to change the order, add and remove members. Every change is
 * saved at once; a refused save puts the list back.
 */
export function MemberOrderList({ members, candidates, onSave, label, testId }: {
  members: readonly Member[];
  candidates: readonly { id: string; name: string }[];
  onSave: (next: Member[]) => Promise<boolean>;
  label: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [order, setOrder] = useState<Member[]>([...members]);
  const [drag, setDrag] = useState<{ from: number; over: number | null; top: boolean } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [adding, setAdding] = useState('');
  const grips = useRef(new Map<string, HTMLButtonElement>());
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    setOrder((o) => (sameOrder(o, members) ? o : [...members]));
  }, [members]);
  useEffect(() => {
    if (focusAfter.current) grips.current.get(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const commit = async (next: Member[], moved?: Member) => {
    const before = order;
    setOrder(next);
    if (moved) {
      const pos = next.findIndex((m) => m.user_id === moved.user_id) + 1;
      setAnnounce(t('members.moved', { name: moved.name, position: pos, count: next.length }));
    }
    if (!(await onSave(next))) setOrder(before);
  };

  const onDragOver = (e: DragEvent<HTMLLIElement>, i: number) => {
    if (!drag) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const r = e.currentTarget.getBoundingClientRect();
    const top = e.clientY < r.top + r.height / 2;
    if (drag.over !== i || drag.top !== top) setDrag({ ...drag, over: i, top });
  };
  const onDrop = (e: DragEvent<HTMLLIElement>, i: number) => {
    e.preventDefault();
    if (!drag) return;
    const r = e.currentTarget.getBoundingClientRect();
    const to = dropIndex(drag.from, i, e.clientY < r.top + r.height / 2);
    const moved = order[drag.from]!;
    setDrag(null);
    if (to !== drag.from) void commit(moveItem(order, drag.from, to), moved);
  };
  const byKey = (m: Member, key: string): boolean => {
    const where = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : key === 'Home' ? 'first' : key === 'End' ? 'last' : null;
    if (where === null) return false;
    const next = moveMember(order, m.user_id, where);
    if (!sameOrder(next, order)) {
      focusAfter.current = m.user_id;
      void commit(next, m);
    }
    return true;
  };

  return (
    <div className="members" data-testid={testId}>
      {order.length === 0 ? <p className="muted small">{t('members.none')}</p> : (
        <ol className="members__list" aria-label={label}>
          {order.map((m, i) => (
            <li
              key={m.user_id}
              className={`members__item${drag?.from === i ? ' is-dragging' : ''}${drag?.over === i && drag.from !== i ? (drag.top ? ' drop-above' : ' drop-below') : ''}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', m.user_id);
                setDrag({ from: i, over: null, top: false });
              }}
              onDragOver={(e) => onDragOver(e, i)}
              onDrop={(e) => onDrop(e, i)}
              onDragEnd={() => setDrag(null)}
              data-user-id={m.user_id}
            >
              <button
                type="button"
                ref={(el) => {
                  if (el) grips.current.set(m.user_id, el);
                  else grips.current.delete(m.user_id);
                }}
                className="members__grip"
                aria-label={t('members.grip', { name: m.name, position: i + 1, count: order.length })}
                title={t('members.gripHelp')}
                onKeyDown={(e) => {
                  if (byKey(m, e.key)) e.preventDefault();
                }}
              >
                <Icon name="grip" size={16} />
              </button>
              <span className="members__pos">{i + 1}</span>
              <span className="members__name">{m.name}</span>
              <button type="button" className="icon-button" disabled={i === 0} onClick={() => void commit(moveMember(order, m.user_id, -1), m)} aria-label={t('members.up', { name: m.name })}>
                <Icon name="arrowUp" size={15} />
              </button>
              <button type="button" className="icon-button" disabled={i === order.length - 1} onClick={() => void commit(moveMember(order, m.user_id, 1), m)} aria-label={t('members.down', { name: m.name })}>
                <Icon name="arrowDown" size={15} />
              </button>
              <button type="button" className="icon-button" onClick={() => void commit(order.filter((x) => x.user_id !== m.user_id))} aria-label={t('members.remove', { name: m.name })}>
                <Icon name="x" size={15} />
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="inline-form members__add">
        <select aria-label={t('members.addLabel', { list: label })} value={adding} onChange={(e) => setAdding(e.target.value)} disabled={candidates.length === 0}>
          <option value="">{candidates.length ? t('members.choose') : t('members.noneToAdd')}</option>
          {candidates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        <button
          type="button"
          className="btn btn--small"
          disabled={!adding}
          onClick={() => {
            const c = candidates.find((x) => x.id === adding);
            if (!c) return;
            setAdding('');
            void commit([...order, { user_id: c.id, name: c.name }]);
          }}
        >
          <Icon name="plus" size={15} /><span>{t('members.add')}</span>
        </button>
      </div>
      <p className="sr-only" role="status" aria-live="polite">{announce}</p>
    </div>
  );
}
