import type { Role } from '../api/types.js';
import type { MessageKey } from '../i18n/translate.js';

export type PageId = 'desk' | 'conversations' | 'wallboard' | 'records' | 'admin';

export interface Route {
  page: PageId | 'not_found';
  /** `/conversations/:id`, `/records/:id`. */
  id: string | null;
  path: string;
}

export interface NavItem {
  page: PageId;
  path: string;
  label: MessageKey;
  /** Shortcut digit: Alt+Shift+1… */
  key: string;
}

const pages: { page: PageId; roles: readonly Role[]; label: MessageKey }[] = [
  { page: 'desk', roles: ['agent', 'supervisor', 'admin'], label: 'nav.desk' },
  { page: 'conversations', roles: ['agent', 'supervisor', 'admin'], label: 'nav.conversations' },
  { page: 'wallboard', roles: ['supervisor', 'admin'], label: 'nav.wallboard' },
  { page: 'records', roles: ['agent', 'supervisor', 'admin'], label: 'nav.records' },
  { page: 'admin', roles: ['admin'], label: 'nav.admin' },
];

/** Reads a location path into a page (and an id for pages that show one item). */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'desk', id: null, path: '/desk' };
  const page = pages.find((p) => p.page === parts[0]);
  if (!page || parts.length > 2 || (parts.length === 2 && page.page !== 'conversations' && page.page !== 'records')) {
    return { page: 'not_found', id: null, path: pathname };
  }
  return { page: page.page, id: parts[1] ?? null, path: pathname };
}

export const pathOf = (page: PageId, id?: string | null): string => (id ? `/${page}/${encodeURIComponent(id)}` : `/${page}`);

/** The navigation a role sees, in order. */
export function navItems(role: Role): NavItem[] {
  return pages.filter((p) => p.roles.includes(role)).map((p, i) => ({ page: p.page, path: pathOf(p.page), label: p.label, key: String(i + 1) }));
}

export const mayOpen = (role: Role, page: PageId): boolean => pages.some((p) => p.page === page && p.roles.includes(role));
