import type { Role } from '../api/types.js';
import type { MessageKey } from '../i18n/translate.js';
import type { DeskState } from '../state/desk-state.js';
import type { PageId } from '../viewmodels/routes.js';

/** What an action may do: the desk's call commands and a few UI moves. Implemented once in app/. */
export interface DeskCommands {
  accept(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  setMuted(callId: string, muted: boolean): Promise<void>;
  hangup(callId: string): Promise<void>;
  dismissCall(): void;
}

export interface UiCommands {
  openDialPad(): void;
  openTransfer(): void;
  openPalette(): void;
  navigate(page: PageId): void;
  toggleLocale(): void;
  signOut(): void;
}

export interface ActionContext {
  desk: DeskState;
  role: Role;
  /** The current call's channel allows transfers. */
  transferAllowed: boolean;
  commands: DeskCommands;
  ui: UiCommands;
}

export type ActionCategory = 'call' | 'navigate' | 'general';

/**
 * A command of the desk. The popup's and widget's buttons, the keyboard shortcut and the command
 * palette all run the same `perform`. `target` is a call id when a button names its call; without
 * it the action picks the obvious call (the newest ringing offer, the call in progress).
 */
export interface DeskAction {
  id: string;
  label: MessageKey | ((ctx: ActionContext) => MessageKey);
  category: ActionCategory;
  shortcut: string | null;
  tone?: 'accept' | 'danger';
  /** Listed in the palette and answering its shortcut right now. */
  available(ctx: ActionContext, target?: string): boolean;
  perform(ctx: ActionContext, target?: string): Promise<void> | void;
}

export const labelOf = (a: DeskAction, ctx: ActionContext): MessageKey => (typeof a.label === 'function' ? a.label(ctx) : a.label);
