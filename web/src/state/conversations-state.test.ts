import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types.js';
import { ME, message } from '../testing/fixtures.js';
import { conversationsReducer, initialConversationsState, roomsFor, upsertMessage } from './conversations-state.js';

const room = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id, channel_id: 'ch', contact: { id: `k-${id}`, name: null, phone: '+62811', country: 'ID' }, status: 'open', assignee_id: null, window_expires_at: null,
  window_open: true, last_message_at: null, created_at: '2026-03-01T00:00:00.000Z', resolved_at: null, ...over,
});

describe('conversations state', () => {
  it('keeps messages in time order and replaces a message seen twice', () => {
    const a = message({ id: 'a', created_at: '2026-03-02T03:00:01.000Z' });
    const b = message({ id: 'b', created_at: '2026-03-02T03:00:00.000Z' });
    expect(upsertMessage(upsertMessage([a], b), { ...a, status: 'read' }).map((m) => [m.id, m.status])).toEqual([['b', null], ['a', 'read']]);
  });

  it('appends live messages, moves the room up and counts unread ones of other rooms', () => {
    let s = conversationsReducer(initialConversationsState, { kind: 'rooms_loaded', rooms: [room('r1'), room('r2', { last_message_at: '2026-03-02T00:00:00.000Z' })] });
    s = conversationsReducer(s, { kind: 'messages_loaded', roomId: 'r1', messages: [] });
    s = conversationsReducer(s, { kind: 'opened', roomId: 'r2' });
    s = conversationsReducer(s, { kind: 'message', roomId: 'r1', message: message({ id: 'x', conversation_id: 'r1', created_at: '2026-03-02T05:00:00.000Z' }) });
    expect(s.messages.r1?.map((m) => m.id)).toEqual(['x']);
    expect(s.last.r1?.id).toBe('x');
    // A room whose messages were never loaded still gets its preview line.
    expect(conversationsReducer(s, { kind: 'message', roomId: 'r2', message: message({ id: 'y', body: 'preview' }) }).last.r2?.body).toBe('preview');
    expect(roomsFor(s, 'all', ME).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(s.unread).toEqual({ r1: 1 });
    expect(conversationsReducer(s, { kind: 'opened', roomId: 'r1' }).unread).toEqual({});
  });

  it('splits rooms into mine and unassigned, open ones only', () => {
    const s = conversationsReducer(initialConversationsState, {
      kind: 'rooms_loaded', rooms: [room('a', { assignee_id: ME }), room('b'), room('c', { assignee_id: 'other' }), room('d', { status: 'resolved', assignee_id: ME })],
    });
    expect(roomsFor(s, 'mine', ME).map((r) => r.id)).toEqual(['a']);
    expect(roomsFor(s, 'unassigned', ME).map((r) => r.id)).toEqual(['b']);
    expect(roomsFor(s, 'all', ME).map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('bumps the permission version of a room', () => {
    const s = conversationsReducer(conversationsReducer(initialConversationsState, { kind: 'permission_changed', roomId: 'r' }), { kind: 'permission_changed', roomId: 'r' });
    expect(s.permissionVersion.r).toBe(2);
  });
});
