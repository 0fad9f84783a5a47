import crypto from 'node:crypto';
import type { Role } from '../../../../src/domain/people.js';
import type { Services } from '../../../../src/app/services.js';
import type { AnyRoute, Method } from '../../../../src/http/route.js';
import { agentGroupRoutes } from '../../../../src/http/routes/agent-groups.js';
import { authRoutes } from '../../../../src/http/routes/auth.js';
import { billingRoutes } from '../../../../src/http/routes/billing.js';
import { channelRoutes } from '../../../../src/http/routes/channels.js';
import { complianceRoutes } from '../../../../src/http/routes/compliance.js';
import { contactRoutes } from '../../../../src/http/routes/contacts.js';
import { pauseReasonRoutes } from '../../../../src/http/routes/pause-reasons.js';
import { presenceRoutes } from '../../../../src/http/routes/presence.js';
import { ringGroupRoutes } from '../../../../src/http/routes/ring-groups.js';
import { settingsRoutes } from '../../../../src/http/routes/settings.js';
import { userRoutes } from '../../../../src/http/routes/users.js';
import { channelBody, nextMobile, type World } from './world.js';

const ALL: readonly Role[] = ['admin', 'supervisor', 'agent'];
const STAFF: readonly Role[] = ['admin', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];

/** One API route: who may call it, and a concrete path and valid body in a world. */
export interface RouteCase {
  method: Method;
  url: string;
  roles: readonly Role[] | 'public';
  path?: (w: World) => string;
  body?: (w: World) => unknown;
  /** Why the write fuzz leaves this route out. */
  noFuzz?: string;
}

let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;

/**
 * Every foundation route of the API (those `foundationRoutes` registers). Adding one means
 * adding a line here: the role test checks this table against the server's route list, the
 * isolation test calls every row with an id on another tenant's data, the fuzz every write.
 */
export const routeCatalogue: RouteCase[] = [
  // auth
  { method: 'POST', url: '/api/auth/login', roles: 'public', body: (w) => ({ email: w.t.agent.email, password: 'not the password' }) },
  { method: 'POST', url: '/api/auth/logout', roles: ALL, noFuzz: 'ends the session the fuzz runs with' },
  { method: 'GET', url: '/api/me', roles: ALL },
  { method: 'POST', url: '/api/me/tokens', roles: ALL, body: () => ({ name: unique('token') }) },
  { method: 'PUT', url: '/api/me/password', roles: ALL, body: () => ({ current_password: 'not the password', new_password: 'another long password' }) },
  // users
  { method: 'GET', url: '/api/users', roles: ALL },
  { method: 'GET', url: '/api/users/:id', roles: ALL, path: (w) => `/api/users/${w.t.agent.id}` },
  { method: 'POST', url: '/api/users', roles: ADMIN, body: () => ({ email: `${unique('u').replace(' ', '')}@test.example`, name: 'New Agent', role: 'agent', password: 'long enough password' }) },
  { method: 'PATCH', url: '/api/users/:id', roles: ALL, path: (w) => `/api/users/${w.t.agent.id}`, body: () => ({ name: unique('Agent') }) },
  // presence
  { method: 'PUT', url: '/api/me/presence', roles: ALL, body: () => ({ status: 'available' }) },
  { method: 'GET', url: '/api/me/presence', roles: ALL },
  { method: 'GET', url: '/api/presence', roles: STAFF },
  { method: 'PUT', url: '/api/users/:id/presence', roles: STAFF, path: (w) => `/api/users/${w.t.agent.id}/presence`, body: (w) => ({ status: 'paused', pause_reason_id: w.pauseReasonId }) },
  { method: 'GET', url: '/api/users/:id/presence-history', roles: STAFF, path: (w) => `/api/users/${w.t.agent.id}/presence-history` },
  // agent groups
  { method: 'GET', url: '/api/agent-groups', roles: ALL },
  { method: 'GET', url: '/api/agent-groups/:id', roles: ALL, path: (w) => `/api/agent-groups/${w.agentGroupId}` },
  { method: 'POST', url: '/api/agent-groups', roles: STAFF, body: (w) => ({ name: unique('Group'), strategy: 'longest_idle', member_ids: [w.t.agent.id] }) },
  { method: 'PATCH', url: '/api/agent-groups/:id', roles: STAFF, path: (w) => `/api/agent-groups/${w.agentGroupId}`, body: () => ({ strategy: 'fewest_calls', wrap_up_seconds: 15 }) },
  { method: 'PUT', url: '/api/agent-groups/:id/members', roles: STAFF, path: (w) => `/api/agent-groups/${w.agentGroupId}/members`, body: (w) => ({ user_ids: [w.t.agents[1]!.id, w.t.agent.id] }) },
  { method: 'DELETE', url: '/api/agent-groups/:id', roles: STAFF, path: (w) => `/api/agent-groups/${w.agentGroupId}` },
  // channels
  { method: 'GET', url: '/api/channels', roles: ALL },
  { method: 'GET', url: '/api/channels/:id', roles: ALL, path: (w) => `/api/channels/${w.channelId}` },
  { method: 'POST', url: '/api/channels', roles: ADMIN, body: () => channelBody() },
  { method: 'PATCH', url: '/api/channels/:id', roles: ADMIN, path: (w) => `/api/channels/${w.channelId}`, body: () => ({ name: unique('Channel'), transfer_enabled: false }) },
  { method: 'DELETE', url: '/api/channels/:id', roles: ADMIN, path: (w) => `/api/channels/${w.channelId}` },
  { method: 'GET', url: '/api/channels/:id/members', roles: STAFF, path: (w) => `/api/channels/${w.channelId}/members` },
  { method: 'PUT', url: '/api/channels/:id/members', roles: ADMIN, path: (w) => `/api/channels/${w.channelId}/members`, body: (w) => ({ user_ids: w.t.agents.map((a) => a.id) }) },
  { method: 'POST', url: '/api/channels/:id/members', roles: ADMIN, path: (w) => `/api/channels/${w.channelId}/members`, body: (w) => ({ user_id: w.t.supervisor.id }) },
  { method: 'DELETE', url: '/api/channels/:id/members/:user_id', roles: ADMIN, path: (w) => `/api/channels/${w.channelId}/members/${w.t.agents[1]!.id}` },
  // ring groups
  { method: 'GET', url: '/api/ring-groups', roles: STAFF },
  { method: 'GET', url: '/api/ring-groups/:id', roles: STAFF, path: (w) => `/api/ring-groups/${w.ringGroupId}` },
  { method: 'POST', url: '/api/ring-groups', roles: STAFF, body: (w) => ({ channel_id: w.channelId, name: unique('Ring'), mode: 'ring_all' }) },
  { method: 'PATCH', url: '/api/ring-groups/:id', roles: STAFF, path: (w) => `/api/ring-groups/${w.ringGroupId}`, body: () => ({ name: unique('Ring'), ring_regardless_of_status: true }) },
  { method: 'PUT', url: '/api/ring-groups/:id/members', roles: STAFF, path: (w) => `/api/ring-groups/${w.ringGroupId}/members`, body: (w) => ({ user_ids: [w.t.agent.id] }) },
  { method: 'DELETE', url: '/api/ring-groups/:id', roles: STAFF, path: (w) => `/api/ring-groups/${w.ringGroupId}` },
  // contacts
  { method: 'GET', url: '/api/contacts', roles: ALL },
  { method: 'GET', url: '/api/contacts/:id', roles: ALL, path: (w) => `/api/contacts/${w.contactId}` },
  { method: 'POST', url: '/api/contacts', roles: ALL, body: () => ({ phone_number: nextMobile(), name: unique('Customer') }) },
  { method: 'PATCH', url: '/api/contacts/:id', roles: ALL, path: (w) => `/api/contacts/${w.contactId}`, body: () => ({ name: unique('Customer'), notes: 'Prefers mornings' }) },
  { method: 'DELETE', url: '/api/contacts/:id', roles: STAFF, path: (w) => `/api/contacts/${w.contactId}` },
  // settings
  { method: 'GET', url: '/api/settings', roles: ALL },
  { method: 'GET', url: '/api/settings/schema', roles: ALL },
  { method: 'PATCH', url: '/api/settings', roles: ADMIN, body: () => ({ ring_timeout_s: 25, billing_granularity: 'pulse_6s' }) },
  // pause reasons
  { method: 'GET', url: '/api/pause-reasons', roles: ALL },
  { method: 'GET', url: '/api/pause-reasons/:id', roles: ALL, path: (w) => `/api/pause-reasons/${w.pauseReasonId}` },
  { method: 'POST', url: '/api/pause-reasons', roles: ADMIN, body: () => ({ name: unique('Reason') }) },
  { method: 'PATCH', url: '/api/pause-reasons/:id', roles: ADMIN, path: (w) => `/api/pause-reasons/${w.pauseReasonId}`, body: () => ({ name: unique('Reason') }) },
  { method: 'DELETE', url: '/api/pause-reasons/:id', roles: ADMIN, path: (w) => `/api/pause-reasons/${w.pauseReasonId}` },
  // billing
  { method: 'GET', url: '/api/billing/rates', roles: STAFF },
  { method: 'PUT', url: '/api/billing/rates', roles: ADMIN, body: () => ({ rates: [{ country: 'ID', rate_per_minute_minor: 1000 }, { country: '*', rate_per_minute_minor: 3000 }] }) },
  { method: 'GET', url: '/api/billing/balance', roles: ALL },
  { method: 'POST', url: '/api/billing/top-ups', roles: ADMIN, body: () => ({ amount_minor: 100_000, note: 'Transfer 42' }) },
  { method: 'GET', url: '/api/billing/ledger', roles: STAFF },
  // compliance
  { method: 'GET', url: '/api/compliance/numbers', roles: ADMIN },
  { method: 'GET', url: '/api/compliance/numbers/:id', roles: ADMIN, path: (w) => `/api/compliance/numbers/${w.complianceNumberId}` },
  { method: 'POST', url: '/api/compliance/numbers', roles: ADMIN, body: () => ({ list: 'deny', phone_number: nextMobile(), note: 'abusive caller' }) },
  { method: 'DELETE', url: '/api/compliance/numbers/:id', roles: ADMIN, path: (w) => `/api/compliance/numbers/${w.complianceNumberId}` },
  { method: 'GET', url: '/api/compliance/countries', roles: ADMIN },
  { method: 'PUT', url: '/api/compliance/countries', roles: ADMIN, body: () => ({ countries: ['ID', 'SG'] }) },
];

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

export const pathOf = (r: RouteCase, w: World): string => (r.path ? r.path(w) : r.url);

/** The foundation's route modules: the table must list exactly the routes they register. */
export function foundationRoutes(s: Services): AnyRoute[] {
  return [
    ...authRoutes(s, { cookieSecure: false }), ...userRoutes(s), ...presenceRoutes(s), ...agentGroupRoutes(s), ...channelRoutes(s),
    ...ringGroupRoutes(s), ...contactRoutes(s), ...settingsRoutes(s), ...pauseReasonRoutes(s), ...billingRoutes(s), ...complianceRoutes(s),
  ];
}

/**
 * A case for every route the server registers: the table's row, or for routes of other areas
 * (calls, conversations, ...) a generic one built from the route's declared roles, with ids in the
 * path that exist nowhere.
 */
export function serverCases(routes: AnyRoute[]): (RouteCase & { generic: boolean })[] {
  const table = new Map(routeCatalogue.map((c) => [routeKey(c), c]));
  return routes.map((r) => {
    const known = table.get(routeKey(r));
    if (known) return { ...known, generic: false };
    return {
      method: r.method, url: r.url, roles: r.auth, generic: true,
      path: () => r.url.replace(/:([A-Za-z_]+)/g, () => crypto.randomUUID()),
    };
  });
}
