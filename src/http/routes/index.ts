import type { Services } from '../../app/services.js';
import type { AnyRoute } from '../route.js';
import { authRoutes } from './auth.js';
import { presenceRoutes } from './presence.js';
import { userRoutes } from './users.js';

export interface RouteOptions {
  cookieSecure: boolean;
}

/** Every API route of the server, in one list (the OpenAPI document is built from it). */
export function allRoutes(s: Services, opts: RouteOptions): AnyRoute[] {
  return [...authRoutes(s, opts), ...userRoutes(s), ...presenceRoutes(s)];
}
