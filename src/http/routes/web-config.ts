import { z } from 'zod';
import { ALL_ROLES, route } from '../route.js';

/** What the web app needs to know about this deployment. */
export interface WebConfig {
  demo: boolean;
  /** The Meta emulator's base URL (its control API drives the demo panel's simulated customer); null outside demo mode. */
  emulator_url: string | null;
}

const META_GRAPH = 'https://graph.facebook.com';

/** Demo mode and where its emulator listens: META_GRAPH_URL when it points at the emulator, else the emulator's default port. */
export function webConfigFrom(config: { demo: boolean; metaGraphUrl: string; emulatorPort: number }): WebConfig {
  if (!config.demo) return { demo: false, emulator_url: null };
  const url = config.metaGraphUrl.startsWith(META_GRAPH) ? `http://localhost:${config.emulatorPort}` : config.metaGraphUrl;
  return { demo: true, emulator_url: url };
}

const response = z.object({ demo: z.boolean(), emulator_url: z.string().nullable() });

/** `GET /api/config`: demo mode and the emulator's URL for the web app's demo panel. */
export function webConfigRoutes(read: () => WebConfig) {
  return [
    route({
      method: 'GET', url: '/api/config', summary: 'Web app configuration: demo mode and the Meta emulator URL for the demo panel', tags: ['web'], auth: ALL_ROLES,
      response,
      handler: async () => read(),
    }),
  ];
}
