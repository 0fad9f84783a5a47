import { describe, expect, it, vi } from 'vitest';
import { deskReducer, initialDeskState, type DeskState } from '../state/desk-state.js';
import { CALL, ME, offered, presence, summary, t, T0 } from '../testing/fixtures.js';
import type { ActionContext, DeskCommands, UiCommands } from './action.js';
import { actionForKey, allActions, findAction, paletteItems } from './registry.js';
import { formatShortcut, matchesShortcut, parseShortcut, type KeyLike } from './shortcut.js';

function context(desk: DeskState, over: Partial<ActionContext> = {}) {
  const commands: DeskCommands = {
    accept: vi.fn(async () => {}), decline: vi.fn(async () => {}), hold: vi.fn(async () => {}), resume: vi.fn(async () => {}),
    setMuted: vi.fn(async () => {}), hangup: vi.fn(async () => {}), dismissCall: vi.fn(),
  };
  const ui: UiCommands = { openDialPad: vi.fn(), openTransfer: vi.fn(), openPalette: vi.fn(), navigate: vi.fn(), toggleLocale: vi.fn(), signOut: vi.fn() };
  const ctx: ActionContext = { desk, role: 'agent', transferAllowed: true, commands, ui, ...over };
  return { ctx, commands, ui };
}

const base = deskReducer(initialDeskState, { kind: 'signed_in', userId: ME, presence: presence() });
const ringing = deskReducer(base, { kind: 'server', message: offered(), now: T0 });
const onCall = deskReducer(base, { kind: 'call_synced', call: summary() });
const key = (code: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: code.replace(/^Key|^Digit/, ''), code, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('shortcuts', () => {
  it('match the physical key with its modifiers (Alt+letter types other characters on a Mac)', () => {
    const s = parseShortcut('Alt+Shift+A');
    expect(matchesShortcut(s, { ...key('KeyA', { altKey: true, shiftKey: true }), key: 'Å' }, true)).toBe(true);
    expect(matchesShortcut(s, key('KeyA', { altKey: true }), false)).toBe(false);
    expect(matchesShortcut(parseShortcut('Mod+K'), key('KeyK', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut(parseShortcut('Mod+K'), key('KeyK', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut(parseShortcut('Mod+K'), key('KeyK', { ctrlKey: true }), true)).toBe(false);
  });
  it('are shown the platform way', () => {
    expect(formatShortcut(parseShortcut('Alt+Shift+H'), false)).toBe('Alt+Shift+H');
    expect(formatShortcut(parseShortcut('Mod+K'), true)).toBe('⌘K');
  });
  it('are unique', () => {
    const shortcuts = allActions.map((a) => a.shortcut).filter(Boolean);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

describe('call actions: one implementation for button, shortcut and palette', () => {
  it('the accept shortcut accepts the ringing call', async () => {
    const { ctx, commands } = context(ringing);
    const a = actionForKey(key('KeyA', { altKey: true, shiftKey: true }), ctx, { isMac: false, typing: true });
    expect(a?.id).toBe('call.accept');
    await a!.perform(ctx);
    expect(commands.accept).toHaveBeenCalledWith(CALL);
  });

  it('the popup button names its call; an unknown call does nothing', async () => {
    const { ctx, commands } = context(ringing);
    expect(findAction('call.decline').available(ctx, 'someone-else')).toBe(false);
    await findAction('call.decline').perform(ctx, CALL);
    expect(commands.decline).toHaveBeenCalledWith(CALL);
  });

  it('nothing answers a shortcut that does not apply now', () => {
    const { ctx } = context(base);
    expect(actionForKey(key('KeyA', { altKey: true, shiftKey: true }), ctx, { isMac: false, typing: false })).toBeNull();
    expect(actionForKey(key('KeyH', { altKey: true, shiftKey: true }), ctx, { isMac: false, typing: false })).toBeNull();
  });

  it('in a call: hold, mute, hang up; resume only on hold', async () => {
    const { ctx, commands } = context(onCall);
    expect(findAction('call.accept').available(ctx)).toBe(false);
    expect(findAction('call.resume').available(ctx)).toBe(false);
    await findAction('call.hold').perform(ctx);
    await findAction('call.mute').perform(ctx);
    await findAction('call.hangup').perform(ctx);
    expect(commands.hold).toHaveBeenCalledWith(CALL);
    expect(commands.setMuted).toHaveBeenCalledWith(CALL, true);
    expect(commands.hangup).toHaveBeenCalledWith(CALL);
    const held = context(deskReducer(onCall, { kind: 'call_synced', call: summary({ status: 'on_hold' }) }));
    expect(findAction('call.resume').available(held.ctx)).toBe(true);
    expect(findAction('call.dialpad').available(held.ctx)).toBe(false);
  });

  it('transfer needs the channel to allow it', () => {
    expect(findAction('call.transfer').available(context(onCall).ctx)).toBe(true);
    expect(findAction('call.transfer').available(context(onCall, { transferAllowed: false }).ctx)).toBe(false);
  });

  it('the palette lists what is possible now, call actions first, filtered by the query', () => {
    const { ctx } = context(onCall);
    const labels = paletteItems(ctx, '', t).map((i) => i.label);
    expect(labels.slice(0, 5)).toEqual(['Hold', 'Mute', 'Transfer', 'Dial pad', 'Hang up']);
    expect(labels).not.toContain('Accept');
    expect(labels).not.toContain('Go to administration');
    expect(paletteItems(ctx, 'hang', t).map((i) => i.action.id)).toEqual(['call.hangup']);
    expect(paletteItems({ ...ctx, role: 'admin' }, 'admin', t).map((i) => i.action.id)).toEqual(['navigate.admin']);
  });

  it('plain-key shortcuts do not fire while typing', () => {
    const { ctx } = context(onCall);
    const k = key('KeyK', { ctrlKey: true });
    expect(actionForKey(k, ctx, { isMac: false, typing: true })?.id).toBe('palette.open');
  });
});
