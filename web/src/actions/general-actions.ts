import type { MessageKey } from '../i18n/translate.js';
import { mayOpen, type PageId } from '../viewmodels/routes.js';
import type { DeskAction } from './action.js';

const go = (page: PageId, label: MessageKey, key: string): DeskAction => ({
  id: `navigate.${page}`, label, category: 'navigate', shortcut: `Alt+Shift+${key}`,
  available: (ctx) => mayOpen(ctx.role, page),
  perform: (ctx) => ctx.ui.navigate(page),
});

export const navigationActions: readonly DeskAction[] = [
  go('desk', 'action.goDesk', '1'),
  go('conversations', 'action.goConversations', '2'),
  go('records', 'action.goRecords', '3'),
  go('wallboard', 'action.goWallboard', '4'),
  go('admin', 'action.goAdmin', '5'),
];

export const openPalette: DeskAction = {
  id: 'palette.open', label: 'action.palette', category: 'general', shortcut: 'Mod+K',
  available: () => true,
  perform: (ctx) => ctx.ui.openPalette(),
};

export const toggleLocale: DeskAction = {
  id: 'locale.toggle', label: 'action.language', category: 'general', shortcut: null,
  available: () => true,
  perform: (ctx) => ctx.ui.toggleLocale(),
};

export const signOut: DeskAction = {
  id: 'session.sign_out', label: 'action.signOut', category: 'general', shortcut: null,
  available: () => true,
  perform: (ctx) => ctx.ui.signOut(),
};

export const generalActions: readonly DeskAction[] = [openPalette, toggleLocale, signOut];
