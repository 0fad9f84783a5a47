import type { Conversation, Message } from '../api/types.js';

/** Rooms the desk knows and the messages loaded per room, kept live by WebSocket events. */
export interface ConversationsState {
  rooms: Record<string, Conversation>;
  messages: Record<string, Message[]>;
  /** Rooms with messages the agent has not looked at (room id → count). */
  unread: Record<string, number>;
  openRoomId: string | null;
  /** The newest message seen per room (the list's preview line), loaded or live. */
  last: Record<string, Message>;
  /** Bumped when the server says a room's call permission changed (the room reads it again). */
  permissionVersion: Record<string, number>;
}

export const initialConversationsState: ConversationsState = { rooms: {}, messages: {}, unread: {}, openRoomId: null, permissionVersion: {}, last: {} };

export type ConversationsEvent =
  | { kind: 'rooms_loaded'; rooms: Conversation[] }
  | { kind: 'room_loaded'; room: Conversation }
  | { kind: 'messages_loaded'; roomId: string; messages: Message[] }
  | { kind: 'message'; roomId: string; message: Message }
  | { kind: 'message_status'; roomId: string; messageId: string; status: string }
  | { kind: 'opened'; roomId: string | null }
  | { kind: 'permission_changed'; roomId: string };

const byTime = (a: Message, b: Message): number =>
  a.created_at === b.created_at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.created_at < b.created_at ? -1 : 1;

/** Inserts or replaces a message by id, keeping time order. */
export function upsertMessage(list: Message[], m: Message): Message[] {
  const rest = list.filter((x) => x.id !== m.id);
  return [...rest, m].sort(byTime);
}

export function conversationsReducer(s: ConversationsState, e: ConversationsEvent): ConversationsState {
  switch (e.kind) {
    case 'rooms_loaded': {
      const rooms = { ...s.rooms };
      for (const r of e.rooms) rooms[r.id] = r;
      return { ...s, rooms };
    }
    case 'room_loaded':
      return { ...s, rooms: { ...s.rooms, [e.room.id]: e.room } };
    case 'messages_loaded': {
      const merged = e.messages.reduce(upsertMessage, s.messages[e.roomId] ?? []);
      const newest = merged.at(-1);
      return { ...s, messages: { ...s.messages, [e.roomId]: merged }, last: newest ? { ...s.last, [e.roomId]: newest } : s.last };
    }
    case 'message': {
      const list = upsertMessage(s.messages[e.roomId] ?? [], e.message);
      const room = s.rooms[e.roomId];
      const rooms = room ? { ...s.rooms, [e.roomId]: { ...room, last_message_at: e.message.created_at } } : s.rooms;
      const unseen = e.roomId !== s.openRoomId && e.message.direction === 'in';
      const previous = s.last[e.roomId];
      const newer = !previous || previous.created_at <= e.message.created_at;
      return {
        ...s,
        rooms,
        last: newer ? { ...s.last, [e.roomId]: e.message } : s.last,
        messages: s.messages[e.roomId] ? { ...s.messages, [e.roomId]: list } : s.messages,
        unread: unseen ? { ...s.unread, [e.roomId]: (s.unread[e.roomId] ?? 0) + 1 } : s.unread,
      };
    }
    case 'message_status': {
      const list = s.messages[e.roomId];
      if (!list) return s;
      return { ...s, messages: { ...s.messages, [e.roomId]: list.map((m) => (m.id === e.messageId ? { ...m, status: e.status } : m)) } };
    }
    case 'permission_changed':
      return { ...s, permissionVersion: { ...s.permissionVersion, [e.roomId]: (s.permissionVersion[e.roomId] ?? 0) + 1 } };
    case 'opened': {
      if (!e.roomId) return { ...s, openRoomId: null };
      const { [e.roomId]: _read, ...unread } = s.unread;
      return { ...s, openRoomId: e.roomId, unread };
    }
  }
}

export type RoomFilter = 'mine' | 'unassigned' | 'all';

/** Rooms for a list tab, most recent activity first. */
export function roomsFor(s: ConversationsState, filter: RoomFilter, userId: string | null): Conversation[] {
  return Object.values(s.rooms)
    .filter((r) => r.status === 'open')
    .filter((r) => (filter === 'mine' ? r.assignee_id !== null && r.assignee_id === userId : filter === 'unassigned' ? r.assignee_id === null : true))
    .sort((a, b) => ((b.last_message_at ?? b.created_at) > (a.last_message_at ?? a.created_at) ? 1 : -1));
}
