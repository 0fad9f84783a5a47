import { useEffect, useState } from 'react';
import { navigate } from '../../app/router.js';
import { useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { roomsFor, type RoomFilter } from '../../state/conversations-state.js';
import { channelById } from '../../state/reference-data.js';
import { formatClock } from '../../viewmodels/format-time.js';
import { pathOf } from '../../viewmodels/routes.js';
import { messagePreview } from '../../viewmodels/timeline.js';
import { Room } from './Room.js';

/** Rooms assigned to the agent or waiting for someone, and the open room with its messages live. */
export function ConversationsPage({ roomId }: { roomId: string | null }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const state = useRuntimeStore((r) => r.conversations);
  const me = useRuntimeStore((r) => r.user);
  const reference = useRuntimeStore((r) => r.reference);
  const [filter, setFilter] = useState<RoomFilter>('mine');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    runtime.api.conversations({ status: 'open', limit: 200 }).then(
      (p) => {
        if (!live) return;
        runtime.conversations.dispatch({ kind: 'rooms_loaded', rooms: p.items });
        // Nothing assigned yet: start on the rooms waiting for someone.
        if (!p.items.some((r) => r.assignee_id === me.id) && p.items.some((r) => r.assignee_id === null)) setFilter('unassigned');
        setLoaded(true);
      },
      (e) => {
        if (!live) return;
        setLoaded(true);
        runtime.refuse(e);
      },
    );
    return () => {
      live = false;
    };
  }, [runtime, me.id]);

  useEffect(() => {
    runtime.conversations.dispatch({ kind: 'opened', roomId });
    return () => runtime.conversations.dispatch({ kind: 'opened', roomId: null });
  }, [runtime, roomId]);

  // A room opened by link that is not in the list yet (e.g. from the incoming-call popup).
  useEffect(() => {
    if (!roomId || state.rooms[roomId]) return;
    runtime.api.conversation(roomId).then((room) => runtime.conversations.dispatch({ kind: 'room_loaded', room }), (e) => runtime.refuse(e));
  }, [runtime, roomId, state.rooms]);

  const tabs: { id: RoomFilter; label: string }[] = [
    { id: 'mine', label: t('rooms.mine') },
    { id: 'unassigned', label: t('rooms.unassigned') },
    ...(me.role !== 'agent' ? [{ id: 'all' as const, label: t('rooms.all') }] : []),
  ];
  const rooms = roomsFor(state, filter, me.id);
  const room = roomId ? state.rooms[roomId] ?? null : null;

  return (
    <div className={`rooms${roomId ? ' rooms--open' : ''}`}>
      <section className="rooms__list" aria-label={t('rooms.list')}>
        <div className="tabs" role="tablist" aria-label={t('rooms.list')}>
          {tabs.map((tab) => {
            const count = roomsFor(state, tab.id, me.id).length;
            return (
              <button
                key={tab.id}
                type="button"
                role="tab"
                aria-selected={filter === tab.id}
                className={`tabs__tab${filter === tab.id ? ' is-active' : ''}`}
                onClick={() => setFilter(tab.id)}
                data-testid={`rooms-tab-${tab.id}`}
              >
                {tab.label} <span className="tabs__count">{count}</span>
              </button>
            );
          })}
        </div>
        {!loaded ? <p className="muted pad">{t('common.loading')}</p> : rooms.length === 0 ? <p className="muted pad">{t('rooms.empty')}</p> : (
          <ul className="room-list">
            {rooms.map((r) => {
              const unread = state.unread[r.id] ?? 0;
              const last = state.last[r.id];
              return (
                <li key={r.id}>
                  <a
                    href={pathOf('conversations', r.id)}
                    className={`room-item${r.id === roomId ? ' is-active' : ''}`}
                    aria-current={r.id === roomId ? 'true' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(pathOf('conversations', r.id));
                    }}
                    data-room-id={r.id}
                  >
                    <span className="avatar" aria-hidden="true">{(r.contact.name ?? r.contact.phone).replace('+', '').slice(0, 1).toUpperCase()}</span>
                    <span className="room-item__text">
                      <span className="room-item__name">{r.contact.name ?? r.contact.phone}</span>
                      <span className="room-item__sub">{last ? messagePreview(last, fmt, t) : (channelById(reference, r.channel_id)?.name ?? r.contact.phone)}</span>
                    </span>
                    <span className="room-item__meta">
                      {r.last_message_at ? <time dateTime={r.last_message_at}>{formatClock(r.last_message_at, fmt)}</time> : null}
                      {unread > 0 ? <span className="badge" aria-label={t('rooms.unread', { count: unread })}>{unread}</span> : null}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="rooms__room" aria-label={t('rooms.room')}>
        {room ? <Room room={room} /> : (
          <div className="empty">
            <Icon name="chat" size={32} />
            <h2>{roomId ? t('common.loading') : t('rooms.pick')}</h2>
          </div>
        )}
      </section>
    </div>
  );
}
