import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { formatDuration } from '../../domain/calls/index.js';
import { AppError } from '../../domain/errors.js';
import type { ChannelPrompts } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { toPage, type Page } from '../pagination.js';

/** Checks uploaded audio (the media layer's Ogg/Opus validator, passed in by the composition root). */
export type AudioValidator = (buf: Buffer) => { ok: true; durationMs: number } | { ok: false; reason: string };

export type PromptRole = keyof ChannelPrompts;

export interface PromptUse {
  channel_id: string;
  channel_name: string;
  role: PromptRole;
}

export interface PromptView {
  id: string;
  name: string;
  duration_ms: number;
  /** `HH:mm:ss`, rounded to the second. */
  duration: string | null;
  size_bytes: number;
  sha256: string;
  audio_url: string;
  /** The channels playing it, and as what. */
  used_by: PromptUse[];
  created_at: Date;
}

export interface PromptsDeps extends Pick<CoreDeps, 'db' | 'clock' | 'ids' | 'log'> {
  dataDir: string;
  validateAudio: AudioValidator;
  uploadLimitBytes: number;
}

const columns = ['id', 'name', 'duration_ms', 'size_bytes', 'sha256', 'created_at'] as const;

function nameTaken(e: unknown): never {
  if (uniqueViolation(e) === 'prompts_name_key') throw new AppError('DUPLICATE_NAME', 'Another prompt already has this name.');
  throw e;
}

/** Every channel role (queue entry, hold music, ...) that points at one of `ids`. */
async function usesOf(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, PromptUse[]>> {
  const wanted = new Set(ids);
  const uses = new Map<string, PromptUse[]>();
  if (wanted.size === 0) return uses;
  const channels = await db.selectFrom('channels').select(['id', 'name', 'prompts']).where('tenant_id', '=', tenantId).orderBy('name').execute();
  for (const ch of channels) {
    for (const [role, id] of Object.entries(ch.prompts ?? {})) {
      if (typeof id !== 'string' || !wanted.has(id)) continue;
      const list = uses.get(id) ?? [];
      list.push({ channel_id: ch.id, channel_name: ch.name, role: role as PromptRole });
      uses.set(id, list);
    }
  }
  return uses;
}

/**
 * Voice prompts a tenant uploads (SPEC §2): validated as real Ogg/Opus, stored under
 * `DATA_DIR/prompts/<tenant>/<id>.opus`, referenced by channels' `prompts` map and played by calls
 * in place of the shipped defaults.
 */
export function createPromptsService(deps: PromptsDeps) {
  const { db, clock, ids } = deps;
  const fileOf = (tenantId: string, id: string) => path.join(deps.dataDir, 'prompts', tenantId, `${id}.opus`);

  async function views(tx: DbOrTx, tenantId: string, rows: { id: string; name: string; duration_ms: number; size_bytes: number; sha256: string; created_at: Date }[]): Promise<PromptView[]> {
    const uses = await usesOf(tx, tenantId, rows.map((r) => r.id));
    return rows.map((r) => ({
      ...r, duration: formatDuration(Math.round(r.duration_ms / 1000)), audio_url: `/api/prompts/${r.id}/audio`, used_by: uses.get(r.id) ?? [],
    }));
  }

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<PromptView> {
    const row = await tx.selectFrom('prompts').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such prompt.');
    return (await views(tx, tenantId, [row]))[0]!;
  }

  return {
    /** Largest upload accepted (the route's body limit; larger bodies answer 413). */
    uploadLimitBytes: deps.uploadLimitBytes,

    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined }): Promise<Page<PromptView>> {
      let query = db.selectFrom('prompts').select(columns).where('tenant_id', '=', actor.tenantId);
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      return { items: await views(db, actor.tenantId, page.items), next_cursor: page.next_cursor };
    },

    async upload(actor: Actor, input: { name: string; audio: Buffer }): Promise<PromptView> {
      if (input.audio.length > deps.uploadLimitBytes) throw new AppError('PAYLOAD_TOO_LARGE', 'The prompt is larger than the upload limit.', { limit_bytes: deps.uploadLimitBytes });
      const check = input.audio.length === 0 ? { ok: false as const, reason: 'the body is empty' } : deps.validateAudio(input.audio);
      if (!check.ok) throw new AppError('INVALID_AUDIO', `The upload is not usable Ogg/Opus audio: ${check.reason}.`, { reason: check.reason });
      const taken = await db.selectFrom('prompts').select('id').where('tenant_id', '=', actor.tenantId).where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(input.name)]))).executeTakeFirst();
      if (taken) throw new AppError('DUPLICATE_NAME', 'Another prompt already has this name.');
      const id = ids.next();
      const file = fileOf(actor.tenantId, id);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed: a crash never leaves half a prompt under its final name.
      await fs.writeFile(`${file}.part`, input.audio);
      await fs.rename(`${file}.part`, file);
      try {
        await db.insertInto('prompts').values({
          id, tenant_id: actor.tenantId, name: input.name, duration_ms: check.durationMs, size_bytes: input.audio.length,
          sha256: crypto.createHash('sha256').update(input.audio).digest('hex'), created_by: actor.userId, created_at: clock.now(),
        }).execute();
      } catch (e) {
        await fs.rm(file, { force: true });
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    async rename(actor: Actor, id: string, input: { name: string }): Promise<PromptView> {
      await get(db, actor.tenantId, id);
      try {
        await db.updateTable('prompts').set({ name: input.name }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    /** A prompt a channel plays cannot be deleted (409 IN_USE naming the channels): point them elsewhere first. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('prompts').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'No such prompt.');
        const used = (await usesOf(tx, actor.tenantId, [id])).get(id) ?? [];
        if (used.length > 0) throw new AppError('IN_USE', 'Channels play this prompt; choose another one for them first.', { used_by: used });
        await tx.deleteFrom('prompts').where('id', '=', id).execute();
      });
      await fs.rm(fileOf(actor.tenantId, id), { force: true });
    },

    /** The prompt's file, for streaming to staff. */
    async audioFile(actor: Actor, id: string): Promise<string> {
      await get(db, actor.tenantId, id);
      const file = fileOf(actor.tenantId, id);
      try {
        await fs.access(file);
      } catch {
        throw new AppError('NOT_FOUND', 'The prompt\'s audio file is missing.');
      }
      return file;
    },

    /** For the call engine: a tenant's prompt id → its file, or null (the default prompt plays). */
    async resolve(tenantId: string, promptId: string): Promise<string | null> {
      const row = await db.selectFrom('prompts').select('id').where('tenant_id', '=', tenantId).where('id', '=', promptId).executeTakeFirst();
      if (!row) return null;
      const file = fileOf(tenantId, row.id);
      try {
        await fs.access(file);
        return file;
      } catch {
        deps.log.warn({ tenantId, promptId }, 'prompt file missing: playing the default');
        return null;
      }
    },

    /** Every prompt id a channel change names must be one of the tenant's prompts (404 naming the field otherwise). */
    async assertPromptIds(tenantId: string, prompts: ChannelPrompts | undefined): Promise<void> {
      const named = Object.entries(prompts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
      if (named.length === 0) return;
      const found = await db.selectFrom('prompts').select('id').where('tenant_id', '=', tenantId).where('id', 'in', named.map(([, id]) => id)).execute();
      const known = new Set(found.map((r) => r.id));
      const missing = named.filter(([, id]) => !known.has(id));
      if (missing.length > 0) {
        throw new AppError('NOT_FOUND', 'No such prompt in this tenant.', { field: `body.prompts.${missing[0]![0]}`, prompt_ids: missing.map(([, id]) => id) });
      }
    },
  };
}

export type PromptsService = ReturnType<typeof createPromptsService>;
