import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import type { DB } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import { verifyAgainstDummy, verifyPassword } from '../passwords.js';
import { hashToken, newToken } from './tokens.js';

export interface AuthDeps {
  db: Kysely<DB>;
  clock: Clock;
  sessionTtlHours: number;
}

/** Failed logins allowed per account and per address in the window before 429. */
export const LOGIN_THROTTLE = { maxFailures: 10, windowMs: 15 * 60_000 } as const;

export interface PublicUser {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Actor['role'];
  locale: string;
  time_zone: string | null;
  auto_answer: boolean;
}

export function createAuthService({ db, clock, sessionTtlHours }: AuthDeps) {
  async function throttled(email: string, address: string): Promise<number | null> {
    const since = new Date(clock.now().getTime() - LOGIN_THROTTLE.windowMs);
    const rows = await db
      .selectFrom('login_failures')
      .select((eb) => [
        eb.fn.count<number>('id').filterWhere(eb.fn('lower', ['email']), '=', email.toLowerCase()).as('by_email'),
        eb.fn.count<number>('id').filterWhere('address', '=', address).as('by_address'),
        eb.fn.min('at').filterWhere(eb.fn('lower', ['email']), '=', email.toLowerCase()).as('first_email'),
        eb.fn.min('at').filterWhere('address', '=', address).as('first_address'),
      ])
      .where('at', '>', since)
      .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', email.toLowerCase()), eb('address', '=', address)]))
      .executeTakeFirstOrThrow();
    const over: Date[] = [];
    if (Number(rows.by_email) >= LOGIN_THROTTLE.maxFailures && rows.first_email) over.push(new Date(rows.first_email));
    if (Number(rows.by_address) >= LOGIN_THROTTLE.maxFailures && rows.first_address) over.push(new Date(rows.first_address));
    if (over.length === 0) return null;
    const until = Math.max(...over.map((d) => d.getTime() + LOGIN_THROTTLE.windowMs));
    return Math.max(1, Math.ceil((until - clock.now().getTime()) / 1000));
  }

  return {
    async login(email: string, password: string, address: string): Promise<{ token: string; user: PublicUser; expiresAt: Date }> {
      const retryAfter = await throttled(email, address);
      if (retryAfter !== null) {
        throw new AppError('LOGIN_THROTTLED', 'Too many failed sign-in attempts. Try again later.', { retry_after_s: retryAfter });
      }
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      const ok = user && !user.disabled ? await verifyPassword(password, user.password_hash) : (await verifyAgainstDummy(password), false);
      if (!ok || !user) {
        await db.insertInto('login_failures').values({ email, address, at: clock.now() }).execute();
        throw new AppError('INVALID_CREDENTIALS', 'Email or password is wrong.');
      }
      const token = newToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + sessionTtlHours * 3_600_000);
      await db
        .insertInto('auth_tokens')
        .values({ token_hash: hashToken(token), tenant_id: user.tenant_id, user_id: user.id, kind: 'session', name: null, created_at: now, expires_at: expiresAt })
        .execute();
      return { token, user: toPublicUser(user), expiresAt };
    },

    async createApiToken(actor: Actor, name: string): Promise<{ token: string; name: string; created_at: Date }> {
      const token = newToken();
      const now = clock.now();
      await db
        .insertInto('auth_tokens')
        .values({ token_hash: hashToken(token), tenant_id: actor.tenantId, user_id: actor.userId, kind: 'api', name, created_at: now, expires_at: null })
        .execute();
      return { token, name, created_at: now };
    },

    async revoke(token: string): Promise<void> {
      await db.updateTable('auth_tokens').set({ revoked_at: clock.now() }).where('token_hash', '=', hashToken(token)).execute();
    },

    /** The actor behind a session or API token, or null when it is unknown, revoked, expired or the user is disabled. */
    async resolve(token: string): Promise<Actor | null> {
      const now = clock.now();
      const row = await db
        .selectFrom('auth_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['u.id', 'u.tenant_id', 'u.role', 't.token_hash', 't.last_used_at'])
        .where('t.token_hash', '=', hashToken(token))
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .where('u.disabled', '=', false)
        .executeTakeFirst();
      if (!row) return null;
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
        await db.updateTable('auth_tokens').set({ last_used_at: now }).where('token_hash', '=', row.token_hash).execute();
      }
      return { userId: row.id, tenantId: row.tenant_id, role: row.role };
    },

    /** Drops failure rows older than the window (called by a periodic timer). */
    async pruneFailures(): Promise<void> {
      const before = new Date(clock.now().getTime() - LOGIN_THROTTLE.windowMs);
      await db.deleteFrom('login_failures').where('at', '<', before).execute();
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function toPublicUser(u: {
  id: string; tenant_id: string; email: string; name: string; role: Actor['role']; locale: string; time_zone: string | null; auto_answer: boolean;
}): PublicUser {
  return { id: u.id, tenant_id: u.tenant_id, email: u.email, name: u.name, role: u.role, locale: u.locale, time_zone: u.time_zone, auto_answer: u.auto_answer };
}
