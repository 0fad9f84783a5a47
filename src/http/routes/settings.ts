import type { Services } from '../../app/services.js';
import { tenantSettingsPatchSchema, type TenantSettings } from '../../domain/settings.js';
import { ADMIN, ALL_ROLES, route } from '../route.js';
import { timeZone } from './common.js';

// The patch schema fills in defaults for absent keys; only the keys the admin sent are applied.
const patchBody = tenantSettingsPatchSchema.superRefine((v, ctx) => {
  if (v.time_zone !== undefined && !timeZone.safeParse(v.time_zone).success) {
    ctx.addIssue({ code: 'custom', path: ['time_zone'], message: 'unknown time zone' });
  }
});

export function settingsRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/settings', summary: 'The tenant\'s settings (defaults filled in)', tags: ['settings'], auth: ALL_ROLES,
      handler: ({ actor }) => s.settings.get(actor),
    }),
    route({
      method: 'GET', url: '/api/settings/schema', summary: 'Each setting\'s type, default, bounds and description', tags: ['settings'], auth: ALL_ROLES,
      handler: async () => s.settings.describe(),
    }),
    route({
      method: 'PATCH', url: '/api/settings', summary: 'Change settings (any subset, each within bounds)', tags: ['settings'], auth: ADMIN,
      body: patchBody,
      handler: ({ actor, body, req }) => {
        const sent = new Set(Object.keys((req.body ?? {}) as object));
        const patch = Object.fromEntries(Object.entries(body).filter(([k]) => sent.has(k))) as Partial<TenantSettings>;
        return s.settings.update(actor, patch);
      },
    }),
  ];
}
