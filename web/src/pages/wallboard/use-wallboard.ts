import { useEffect, useMemo } from 'react';
import { isApiError } from '../../api/api-error.js';
import type { ServerMessage } from '../../api/server-messages.js';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import { useRuntime } from '../../app/runtime-context.js';
import { createReducerStore } from '../../state/create-store.js';
import { channelById, userName } from '../../state/reference-data.js';
import { useStore } from '../../state/use-store.js';
import { initialWallboardState, wallboardReducer, type WallboardState } from '../../state/wallboard-state.js';

/** Refresh the snapshot this long after a call ended (today's figures come from the server). */
const REFRESH_AFTER_END_MS = 1_500;
/** And this often anyway, so a missed event never lasts. */
const REFRESH_EVERY_MS = 30_000;

async function loadSnapshot(runtime: DeskRuntime): Promise<Parameters<typeof wallboardReducer>[1]> {
  try {
    return { kind: 'snapshot', board: await runtime.api.wallboard(), receivedAt: Date.now() };
  } catch (e) {
    // Until the reports API is deployed, the board is built from the presence and call lists.
    if (!isApiError(e) || (e.code !== 'ROUTE_NOT_FOUND' && e.status !== 404)) throw e;
    const [presence, calls, users] = await Promise.all([runtime.api.presenceList(), runtime.api.callRecords({ live: true, limit: 200 }), runtime.api.userList()]);
    return { kind: 'lists', presence: presence.items, calls: calls.items, users: users.items };
  }
}

/**
 * The wallboard's live state: a snapshot, then presence and call events from the desk socket,
 * with the snapshot read again after calls end (today's figures) and every 30 s.
 */
export function useWallboard(): WallboardState {
  const runtime = useRuntime();
  const store = useMemo(() => createReducerStore(initialWallboardState, wallboardReducer), []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      loadSnapshot(runtime).then((e) => live && store.dispatch(e), (e) => live && runtime.refuse(e));
    };
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_AFTER_END_MS);
    };
    refresh();
    const every = setInterval(refresh, REFRESH_EVERY_MS);
    const names = () => runtime.reference.get();
    const stop = runtime.onServerMessage((m: ServerMessage) => {
      const now = Date.now();
      switch (m.type) {
        case 'presence.changed': {
          const u = names().users.find((x) => x.id === m.presence.user_id);
          store.dispatch({ kind: 'presence', presence: m.presence, now, names: { user: u ? { name: u.name, role: u.role } : null } });
          break;
        }
        case 'call.updated':
        case 'call.ended': {
          const ref = names();
          store.dispatch({ kind: 'call', call: m.call, now, names: { channel: channelById(ref, m.call.channel_id)?.name ?? null, agent: userName(ref, m.call.agent_id) } });
          if (m.call.status === 'ended') soon();
          break;
        }
        default:
          break;
      }
    });
    // Back from a lost connection: events were missed.
    let wasOpen = runtime.desk.get().socket === 'open';
    const stopSocket = runtime.desk.subscribe(() => {
      const open = runtime.desk.get().socket === 'open';
      if (open && !wasOpen) refresh();
      wasOpen = open;
    });
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      clearInterval(every);
      stop();
      stopSocket();
    };
  }, [runtime, store]);

  return useStore(store);
}
