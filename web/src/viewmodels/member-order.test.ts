import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addable, dropIndex, moveItem, moveMember, sameOrder } from './member-order.js';

const m = (id: string) => ({ user_id: id, name: id.toUpperCase() });
const abc = [m('a'), m('b'), m('c')];
const ids = (xs: { user_id: string }[]) => xs.map((x) => x.user_id).join('');

describe('member order', () => {
  it('moves by drag: dropping below the last row puts it last, above the first puts it first', () => {
    expect(ids(moveItem(abc, 0, dropIndex(0, 2, false)))).toBe('bca');
    expect(ids(moveItem(abc, 2, dropIndex(2, 0, true)))).toBe('cab');
    expect(ids(moveItem(abc, 0, dropIndex(0, 1, false)))).toBe('bac');
    expect(ids(moveItem(abc, 0, dropIndex(0, 1, true)))).toBe('abc');
  });

  it('moves by keyboard one place, or to either end, and stops at the ends', () => {
    expect(ids(moveMember(abc, 'b', -1))).toBe('bac');
    expect(ids(moveMember(abc, 'b', 1))).toBe('acb');
    expect(ids(moveMember(abc, 'c', 'first'))).toBe('cab');
    expect(ids(moveMember(abc, 'a', 'last'))).toBe('bca');
    expect(ids(moveMember(abc, 'a', -1))).toBe('abc');
    expect(ids(moveMember(abc, 'x', 1))).toBe('abc');
  });

  it('a move keeps every member exactly once', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), fc.boolean(), (names, a, b, top) => {
      const list = names.map(m);
      const from = a % list.length;
      const over = b % list.length;
      const next = moveItem(list, from, dropIndex(from, over, top));
      expect([...next].map((x) => x.user_id).sort()).toEqual([...names].sort());
      expect(next).toHaveLength(list.length);
    }));
  });

  it('offers only people not in the list and not in another group of the channel', () => {
    const users = [{ id: 'c', name: 'Citra' }, { id: 'd', name: 'Dewi' }, { id: 'e', name: 'Eka' }, { id: 'a', name: 'Agus' }];
    expect(addable(users, [m('a')], new Set(['e'])).map((u) => u.id)).toEqual(['c', 'd']);
    expect(sameOrder(abc, [m('a'), m('b'), m('c')])).toBe(true);
    expect(sameOrder(abc, [m('b'), m('a'), m('c')])).toBe(false);
  });
});
