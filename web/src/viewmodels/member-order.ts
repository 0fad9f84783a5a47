/**
 * Ordered member lists (ring groups ring in this order; round robin takes the next one). Pure
 * moves used by drag and drop and by the keyboard.
 */
export interface Member {
  user_id: string;
  name: string;
}

/** Moves the item at `from` to index `to` (after removing it); out-of-range indexes are clamped. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

/** Moves a member one place up (-1) or down (+1), or to the first / last place. */
export function moveMember(list: readonly Member[], userId: string, where: -1 | 1 | 'first' | 'last'): Member[] {
  const i = list.findIndex((m) => m.user_id === userId);
  if (i < 0) return [...list];
  const to = where === 'first' ? 0 : where === 'last' ? list.length - 1 : i + where;
  return moveItem(list, i, to);
}

/**
 * Where a dragged row lands when dropped on row `over`: above it when the pointer is in its top
 * half, below otherwise. Returns the index to pass to `moveItem`.
 */
export function dropIndex(from: number, over: number, pointerInTopHalf: boolean): number {
  const target = pointerInTopHalf ? over : over + 1;
  return target > from ? target - 1 : target;
}

export const sameOrder = (a: readonly Member[], b: readonly Member[]): boolean => a.length === b.length && a.every((m, i) => m.user_id === b[i]!.user_id);

/** Users that may be added: not already members, and (ring groups) not in another group of the same channel. */
export function addable<U extends { id: string; name: string }>(users: readonly U[], members: readonly Member[], taken: ReadonlySet<string> = new Set()): U[] {
  const inList = new Set(members.map((m) => m.user_id));
  return users.filter((u) => !inList.has(u.id) && !taken.has(u.id)).sort((a, b) => a.name.localeCompare(b.name));
}
