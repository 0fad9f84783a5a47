import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/people.js';
import type { Actor } from '../actor.js';
import { type PublicUser, toPublicUser } from '../auth/auth-service.js';
import type { CoreDeps } from '../deps.js';
import { supervisors } from '../events.js';
import { type Page, toPage } from '../pagination.js';
import { hashPassword, verifyPassword } from '../passwords.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  locale?: 'en' | 'id' | undefined;
  time_zone?: string | null | undefined;
  auto_answer?: boolean | undefined;
}

export interface UpdateUserInput {
  name?: string | undefined;
  email?: string | undefined;
  role?: Role | undefined;
  password?: string | undefined;
  locale?: 'en' | 'id' | undefined;
  time_zone?: string | null | undefined;
  auto_answer?: boolean | undefined;
  disabled?: boolean | undefined;
}

export interface UserView extends PublicUser {
  disabled: boolean;
  created_at: Date;
}

const columns = ['id', 'tenant_id', 'email', 'name', 'role', 'locale', 'time_zone', 'auto_answer', 'disabled', 'created_at'] as const;

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === '23505';

export function createUsersService(deps: CoreDeps) {
  const { db, clock, ids, events } = deps;

  async function get(actor: Actor, id: string): Promise<UserView> {
    const row = await db.selectFrom('users').select(columns).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such user.');
    return { ...toPublicUser(row), disabled: row.disabled, created_at: row.created_at };
  }

  return {
    get,

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined; role?: Role | undefined }): Promise<Page<UserView>> {
      let query = db.selectFrom('users').select(columns).where('tenant_id', '=', actor.tenantId);
      if (q.role) query = query.where('role', '=', q.role);
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      return toPage(rows.map((r) => ({ ...toPublicUser(r), disabled: r.disabled, created_at: r.created_at })), q.limit);
    },

    async create(actor: Actor, input: CreateUserInput): Promise<UserView> {
      const now = clock.now();
      const id = ids.next();
      const passwordHash = await hashPassword(input.password);
      try {
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('users')
            .values({
              id, tenant_id: actor.tenantId, email: input.email, name: input.name, role: input.role, password_hash: passwordHash,
              locale: input.locale ?? 'en', time_zone: input.time_zone ?? null, auto_answer: input.auto_answer ?? false,
              created_at: now, updated_at: now,
            })
            .execute();
          await tx.insertInto('agent_presence').values({ user_id: id, tenant_id: actor.tenantId, status: 'offline', status_since: now }).execute();
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('EMAIL_TAKEN', 'Another user already has this email.');
        throw e;
      }
      const user = await get(actor, id);
      events.publish([{ type: 'user.created', tenantId: actor.tenantId, audience: supervisors, data: { user } }]);
      return user;
    },

    async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
      await get(actor, id);
      const self = id === actor.userId;
      if (actor.role !== 'admin') {
        if (!self) throw new AppError('FORBIDDEN', 'Only admins change other users.');
        if (input.role !== undefined || input.disabled !== undefined || input.email !== undefined) {
          throw new AppError('FORBIDDEN', 'Only admins change roles, emails or disable users.');
        }
      }
      if (self && (input.disabled === true || (input.role !== undefined && input.role !== 'admin' && actor.role === 'admin'))) {
        throw new AppError('CONFLICT', 'You cannot demote or disable yourself.');
      }
      await get(actor, id);
      const patch: Record<string, unknown> = { updated_at: clock.now() };
      for (const k of ['name', 'email', 'role', 'locale', 'time_zone', 'auto_answer', 'disabled'] as const) {
        if (input[k] !== undefined) patch[k] = input[k];
      }
      if (input.password !== undefined) patch.password_hash = await hashPassword(input.password);
      try {
        await db.transaction().execute(async (tx) => {
          await tx.updateTable('users').set(patch).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
          // A password change or a disabled account ends the other sessions.
          if (input.password !== undefined || input.disabled === true) {
            await tx.updateTable('auth_tokens').set({ revoked_at: clock.now() }).where('user_id', '=', id).where('kind', '=', 'session').where('revoked_at', 'is', null).execute();
          }
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('EMAIL_TAKEN', 'Another user already has this email.');
        throw e;
      }
      return get(actor, id);
    },

    async changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(current, row.password_hash))) throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong.');
      await db.updateTable('users').set({ password_hash: await hashPassword(next), updated_at: clock.now() }).where('id', '=', actor.userId).execute();
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
