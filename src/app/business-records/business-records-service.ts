import { AppError } from '../../domain/errors.js';
import { json, type BusinessRecordChanges, type NamedRef } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { CallHooks } from '../calls/call-engine.js';
import { isForeignKeyViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { supervisors, type DeskEvent } from '../events.js';
import { toPage, type Page } from '../pagination.js';
import { createMandatoryDisposition, type PresencePort } from './mandatory-disposition.js';
import { assertMayEdit, callForRecord, type RecordCall } from './record-access.js';
import { diffRecord, type RecordContent } from './record-diff.js';
import { assertTenantTags } from './tags-service.js';

export interface BusinessRecordView {
  call_id: string;
  channel_id: string;
  agent_id: string | null;
  notes: string;
  tags: NamedRef[];
  disposition: NamedRef | null;
  /** The channel makes a disposition mandatory. */
  disposition_mandatory: boolean;
  /** The call ended needing a disposition and has none yet. */
  disposition_pending: boolean;
  /** Increases with every saved change; send it back as `expected_version` to refuse a stale edit. */
  version: number;
  updated_at: Date | null;
  updated_by: NamedRef | null;
}

export interface BusinessRecordInput {
  notes?: string | undefined;
  tag_ids?: string[] | undefined;
  disposition_id?: string | null | undefined;
  expected_version?: number | undefined;
}

export interface HistoryEntry {
  id: string;
  at: Date;
  /** Null once the user is deleted; the name stays as it was when they made the change. */
  user_id: string | null;
  user_name: string | null;
  changes: BusinessRecordChanges;
}

async function content(db: DbOrTx, callId: string): Promise<RecordContent & { version: number; required: boolean; updated_at: Date | null; updated_by: NamedRef | null }> {
  const rec = await db
    .selectFrom('business_records as r')
    .leftJoin('dispositions as d', 'd.id', 'r.disposition_id')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .select(['r.notes', 'r.disposition_id', 'd.name as disposition_name', 'r.disposition_required', 'r.version', 'r.updated_at', 'r.updated_by', 'u.name as updated_by_name'])
    .where('r.call_id', '=', callId)
    .executeTakeFirst();
  const tags = await db
    .selectFrom('business_record_tags as bt')
    .innerJoin('tags as t', 't.id', 'bt.tag_id')
    .select(['t.id', 't.name'])
    .where('bt.call_id', '=', callId)
    .orderBy((eb) => eb.fn('lower', ['t.name']))
    .orderBy('t.id')
    .execute();
  return {
    notes: rec?.notes ?? '',
    tags,
    disposition: rec?.disposition_id ? { id: rec.disposition_id, name: rec.disposition_name ?? '' } : null,
    version: rec?.version ?? 0,
    required: rec?.disposition_required ?? false,
    updated_at: rec?.updated_at ?? null,
    updated_by: rec?.updated_by ? { id: rec.updated_by, name: rec.updated_by_name ?? '' } : null,
  };
}

async function view(db: DbOrTx, call: RecordCall): Promise<BusinessRecordView> {
  const c = await content(db, call.id);
  const ch = await db.selectFrom('channels').select('disposition_mandatory').where('id', '=', call.channel_id).executeTakeFirst();
  return {
    call_id: call.id, channel_id: call.channel_id, agent_id: call.agent_id,
    notes: c.notes, tags: c.tags, disposition: c.disposition,
    disposition_mandatory: ch?.disposition_mandatory ?? false,
    disposition_pending: c.required && c.disposition === null,
    version: c.version, updated_at: c.updated_at, updated_by: c.updated_by,
  };
}

/**
 * Business records (SPEC §7): notes, tags from the tenant's list and a disposition from the
 * call's channel, edited during or after the call by the agent on it, supervisors and admins.
 * Every saved change appends a history row naming who changed what.
 */
export function createBusinessRecordsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids' | 'events' | 'scheduler' | 'log'>) {
  const { db, clock, ids, events } = deps;
  let presence: PresencePort | null = null;
  const mandatory = createMandatoryDisposition(deps, () => presence);

  return {
    /** Wired by the composition root: the call engine's end hooks and presence (for the disposition pause). */
    attach(hooks: Pick<CallHooks, 'onEnded' | 'afterEnded'>, port: PresencePort): void {
      presence = port;
      hooks.onEnded.push(mandatory.onEnded);
      hooks.afterEnded.push(mandatory.afterEnded);
    },

    async get(actor: Actor, callId: string): Promise<BusinessRecordView> {
      return view(db, await callForRecord(db, actor, callId));
    },

    /** Fields left out keep their value; `tag_ids` replaces the whole set; `disposition_id: null` clears it. */
    async update(actor: Actor, callId: string, input: BusinessRecordInput): Promise<BusinessRecordView> {
      const { result, out, freed } = await db.transaction().execute(async (tx) => {
        const call = await callForRecord(tx, actor, callId, true);
        await assertMayEdit(tx, actor, call);
        const tags = input.tag_ids !== undefined ? (await assertTenantTags(tx, actor.tenantId, input.tag_ids, 'body.tag_ids')).map(({ id, name }) => ({ id, name })) : undefined;
        let disposition: NamedRef | null | undefined;
        if (input.disposition_id) {
          const d = await tx.selectFrom('dispositions').select(['id', 'name']).where('id', '=', input.disposition_id).where('channel_id', '=', call.channel_id).executeTakeFirst();
          if (!d) throw new AppError('NOT_FOUND', 'No such disposition on this call\'s channel.', { field: 'body.disposition_id' });
          disposition = d;
        } else if (input.disposition_id === null) {
          disposition = null;
        }
        const now = clock.now();
        await tx.insertInto('business_records').values({ call_id: call.id, tenant_id: call.tenant_id, created_at: now }).onConflict((oc) => oc.column('call_id').doNothing()).execute();
        await tx.selectFrom('business_records').select('call_id').where('call_id', '=', call.id).forUpdate().executeTakeFirstOrThrow();
        const before = await content(tx, call.id);
        if (input.expected_version !== undefined && input.expected_version !== before.version) {
          throw new AppError('CONFLICT', 'Someone saved this business record meanwhile; reload it and edit again.', { version: before.version });
        }
        const after: RecordContent = {
          notes: input.notes ?? before.notes,
          tags: tags ?? before.tags,
          disposition: disposition !== undefined ? disposition : before.disposition,
        };
        const changes = diffRecord(before, after);
        if (!changes) return { result: await view(tx, call), out: [] as DeskEvent[], freed: null };
        if (changes.disposition && after.disposition === null && call.status === 'ended') {
          const ch = await tx.selectFrom('channels').select('disposition_mandatory').where('id', '=', call.channel_id).executeTakeFirst();
          if (ch?.disposition_mandatory || before.required) throw new AppError('DISPOSITION_REQUIRED', 'This channel needs a disposition on every call; choose another one instead of clearing it.');
        }
        await tx
          .updateTable('business_records')
          .set((eb) => ({ notes: after.notes, disposition_id: after.disposition?.id ?? null, version: eb('version', '+', 1), updated_by: actor.userId, updated_at: now }))
          .where('call_id', '=', call.id)
          .execute();
        if (changes.tags) {
          const removed = changes.tags.removed.map((t) => t.id);
          if (removed.length > 0) await tx.deleteFrom('business_record_tags').where('call_id', '=', call.id).where('tag_id', 'in', removed).execute();
          const added = changes.tags.added.map((t) => ({ call_id: call.id, tag_id: t.id, tenant_id: call.tenant_id }));
          if (added.length > 0) await tx.insertInto('business_record_tags').values(added).execute();
        }
        const me = await tx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst();
        await tx.insertInto('business_record_history').values({ id: ids.next(), tenant_id: call.tenant_id, call_id: call.id, user_id: actor.userId, user_name: me?.name ?? null, at: now, changes: json(changes) }).execute();
        const result = await view(tx, call);
        const out: DeskEvent[] = [{
          type: 'business_record.updated', tenantId: call.tenant_id, audience: { ...supervisors, userIds: call.agent_id ? [call.agent_id] : [] },
          data: { call_id: call.id, record: result, changes },
        }];
        let freed: string | null = null;
        if (changes.disposition && after.disposition && before.required && call.agent_id) {
          const resumed = await mandatory.resume(tx, call.tenant_id, call.agent_id, actor.userId);
          if (resumed) {
            out.push(resumed);
            freed = call.agent_id;
          }
        }
        return { result, out, freed };
      }).catch((e: unknown) => {
        // A tag or disposition deleted while this edit was being saved.
        if (isForeignKeyViolation(e)) throw new AppError('NOT_FOUND', 'A tag or disposition of this edit no longer exists.');
        throw e;
      });
      events.publish(out);
      if (freed && presence) presence.notifyAvailable(actor.tenantId, freed);
      return result;
    },

    /** Oldest first: who changed what, when. */
    async history(actor: Actor, callId: string, q: { limit: number; cursor?: string | undefined }): Promise<Page<HistoryEntry>> {
      await callForRecord(db, actor, callId);
      let query = db
        .selectFrom('business_record_history')
        .select(['id', 'at', 'user_id', 'user_name', 'changes'])
        .where('tenant_id', '=', actor.tenantId)
        .where('call_id', '=', callId);
      if (q.cursor) {
        const cursor = q.cursor;
        query = query.where('seq', '>', (eb) => eb.selectFrom('business_record_history as h').select('h.seq').where('h.id', '=', cursor).where('h.call_id', '=', callId));
      }
      const rows = await query.orderBy('seq').limit(q.limit + 1).execute();
      return toPage(rows, q.limit);
    },
  };
}

export type BusinessRecordsService = ReturnType<typeof createBusinessRecordsService>;
