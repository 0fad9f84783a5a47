import type { AuthService } from './auth/auth-service.js';
import type { PresenceService } from './presence/presence-service.js';
import type { UsersService } from './users/users-service.js';

/** Every use-case group the HTTP and WebSocket edges call. Built once by the composition root. */
export interface Services {
  auth: AuthService;
  users: UsersService;
  presence: PresenceService;
}
