import { onLiveCall, ringingOffers } from '../state/desk-state.js';
import type { ActionContext, DeskAction } from './action.js';

/** The newest ringing offer, or the one a button names. */
const offerTarget = (ctx: ActionContext, target?: string): string | null => {
  const ringing = ringingOffers(ctx.desk);
  if (target) return ringing.some((o) => o.id === target) ? target : null;
  return ringing.at(-1)?.id ?? null;
};

const liveCall = (ctx: ActionContext, target?: string) => {
  const c = ctx.desk.call;
  if (!c || !onLiveCall(ctx.desk)) return null;
  return target && target !== c.id ? null : c;
};

export const acceptCall: DeskAction = {
  id: 'call.accept', label: 'action.accept', category: 'call', shortcut: 'Alt+Shift+A', tone: 'accept',
  available: (ctx, target) => offerTarget(ctx, target) !== null && !onLiveCall(ctx.desk),
  perform: async (ctx, target) => {
    const id = offerTarget(ctx, target);
    if (id) await ctx.commands.accept(id);
  },
};

export const declineCall: DeskAction = {
  id: 'call.decline', label: 'action.decline', category: 'call', shortcut: 'Alt+Shift+D', tone: 'danger',
  available: (ctx, target) => offerTarget(ctx, target) !== null,
  perform: async (ctx, target) => {
    const id = offerTarget(ctx, target);
    if (id) await ctx.commands.decline(id);
  },
};

export const holdCall: DeskAction = {
  id: 'call.hold', label: 'action.hold', category: 'call', shortcut: 'Alt+Shift+O',
  available: (ctx, target) => liveCall(ctx, target)?.status === 'connected',
  perform: async (ctx, target) => {
    const c = liveCall(ctx, target);
    if (c) await ctx.commands.hold(c.id);
  },
};

export const resumeCall: DeskAction = {
  id: 'call.resume', label: 'action.resume', category: 'call', shortcut: 'Alt+Shift+R',
  available: (ctx, target) => liveCall(ctx, target)?.status === 'on_hold',
  perform: async (ctx, target) => {
    const c = liveCall(ctx, target);
    if (c) await ctx.commands.resume(c.id);
  },
};

export const toggleMute: DeskAction = {
  id: 'call.mute', label: (ctx) => (ctx.desk.call?.muted ? 'action.unmute' : 'action.mute'), category: 'call', shortcut: 'Alt+Shift+M',
  available: (ctx, target) => {
    const s = liveCall(ctx, target)?.status;
    return s === 'connected' || s === 'on_hold';
  },
  perform: async (ctx, target) => {
    const c = liveCall(ctx, target);
    if (c) await ctx.commands.setMuted(c.id, !c.muted);
  },
};

export const transferCall: DeskAction = {
  id: 'call.transfer', label: 'action.transfer', category: 'call', shortcut: 'Alt+Shift+T',
  available: (ctx, target) => {
    const s = liveCall(ctx, target)?.status;
    return ctx.transferAllowed && (s === 'connected' || s === 'on_hold');
  },
  perform: (ctx) => ctx.ui.openTransfer(),
};

export const openDialPad: DeskAction = {
  id: 'call.dialpad', label: 'action.dialpad', category: 'call', shortcut: 'Alt+Shift+K',
  available: (ctx, target) => liveCall(ctx, target)?.status === 'connected',
  perform: (ctx) => ctx.ui.openDialPad(),
};

export const hangUp: DeskAction = {
  id: 'call.hangup', label: 'action.hangup', category: 'call', shortcut: 'Alt+Shift+H', tone: 'danger',
  available: (ctx, target) => liveCall(ctx, target) !== null,
  perform: async (ctx, target) => {
    const c = liveCall(ctx, target);
    if (c) await ctx.commands.hangup(c.id);
  },
};

export const dismissCall: DeskAction = {
  id: 'call.dismiss', label: 'action.dismiss', category: 'call', shortcut: null,
  available: (ctx) => ctx.desk.call?.status === 'ended',
  perform: (ctx) => ctx.commands.dismissCall(),
};

export const callActions: readonly DeskAction[] = [acceptCall, declineCall, holdCall, resumeCall, toggleMute, transferCall, openDialPad, hangUp, dismissCall];
