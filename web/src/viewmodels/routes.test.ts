import { describe, expect, it } from 'vitest';
import { matchRoute, mayOpen, navItems, pathOf } from './routes.js';
import { clampPosition, defaultPosition, nudge, parsePosition } from './widget-position.js';

describe('routes', () => {
  it('reads pages and item ids from the path', () => {
    expect(matchRoute('/')).toMatchObject({ page: 'desk', id: null });
    expect(matchRoute('/conversations/abc')).toMatchObject({ page: 'conversations', id: 'abc' });
    expect(matchRoute('/records/r%201')).toMatchObject({ page: 'records', id: 'r 1' });
    expect(matchRoute('/wallboard')).toMatchObject({ page: 'wallboard', id: null });
    expect(matchRoute('/wallboard/x').page).toBe('not_found');
    expect(matchRoute('/nope').page).toBe('not_found');
    expect(pathOf('records', 'r 1')).toBe('/records/r%201');
  });

  it('shows each role its navigation, wallboard and records for supervisors, admin for admins', () => {
    expect(navItems('agent').map((n) => n.page)).toEqual(['desk', 'conversations', 'records']);
    expect(navItems('supervisor').map((n) => n.page)).toEqual(['desk', 'conversations', 'wallboard', 'records']);
    expect(navItems('admin').map((n) => n.page)).toEqual(['desk', 'conversations', 'wallboard', 'records', 'admin']);
    expect(mayOpen('agent', 'admin')).toBe(false);
    expect(mayOpen('admin', 'admin')).toBe(true);
  });
});

describe('call widget position', () => {
  const widget = { width: 340, height: 220 };
  it('stays fully on screen at 1280×720 and at phone width', () => {
    expect(clampPosition({ x: 5000, y: -40 }, widget, { width: 1280, height: 720 })).toEqual({ x: 932, y: 8 });
    expect(clampPosition({ x: 100, y: 100 }, widget, { width: 375, height: 667 })).toEqual({ x: 27, y: 100 });
    expect(clampPosition({ x: 0, y: 0 }, widget, { width: 200, height: 100 })).toEqual({ x: 8, y: 8 });
  });
  it('starts bottom right', () => {
    expect(defaultPosition(widget, { width: 1280, height: 720 })).toEqual({ x: 916, y: 476 });
  });
  it('moves with the arrow keys', () => {
    expect(nudge({ x: 10, y: 10 }, 'ArrowRight', false)).toEqual({ x: 26, y: 10 });
    expect(nudge({ x: 10, y: 100 }, 'ArrowUp', true)).toEqual({ x: 10, y: 36 });
    expect(nudge({ x: 10, y: 10 }, 'Enter', false)).toBeNull();
  });
  it('reads a saved position defensively', () => {
    expect(parsePosition('{"x":1,"y":2}')).toEqual({ x: 1, y: 2 });
    expect(parsePosition('{"x":"a"}')).toBeNull();
    expect(parsePosition('nope')).toBeNull();
    expect(parsePosition(null)).toBeNull();
  });
});
