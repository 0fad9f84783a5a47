import type { CallSearchBody, SearchCondition, SearchOp } from '../api/report-types.js';
import type { MessageKey } from '../i18n/translate.js';
import { fromLocalInput } from './zoned-time.js';

/**
 * The advanced search builder of the call records (field / operator / value rows, all or any),
 * mirroring what `POST /api/calls/search` accepts per field.
 */
type Kind = 'enum' | 'id' | 'text' | 'number' | 'duration' | 'time';

interface FieldSpec {
  kind: Kind;
  nullable: boolean;
  /** Fixed choices of an enum field (values; labels come from the dictionary). */
  choices?: readonly string[];
  /** Id fields choose among the tenant's channels, agents or groups. */
  ref?: 'channel' | 'agent' | 'agent_group';
}

export const searchFields = {
  direction: { kind: 'enum', nullable: false, choices: ['inbound', 'outbound'] },
  result: { kind: 'enum', nullable: true, choices: ['answered', 'unanswered', 'user_abandon', 'rejected', 'missed', 'failed', 'voicemail'] },
  status: { kind: 'enum', nullable: false, choices: ['routing', 'offering', 'queued', 'dialing', 'ringing', 'connected', 'on_hold', 'voicemail', 'ended'] },
  channel_type: { kind: 'enum', nullable: false, choices: ['whatsapp', 'voice'] },
  channel_id: { kind: 'id', nullable: false, ref: 'channel' },
  agent_id: { kind: 'id', nullable: true, ref: 'agent' },
  agent_group_id: { kind: 'id', nullable: true, ref: 'agent_group' },
  customer_number: { kind: 'text', nullable: true },
  ended_by: { kind: 'enum', nullable: true, choices: ['customer', 'agent', 'system', 'provider'] },
  talk_seconds: { kind: 'duration', nullable: true },
  wait_seconds: { kind: 'duration', nullable: true },
  hold_seconds: { kind: 'duration', nullable: false },
  cost_minor: { kind: 'number', nullable: true },
  created_at: { kind: 'time', nullable: false },
  offered_at: { kind: 'time', nullable: true },
  ended_at: { kind: 'time', nullable: true },
} as const satisfies Record<string, FieldSpec>;

export type SearchField = keyof typeof searchFields;
export const searchFieldNames = Object.keys(searchFields) as SearchField[];

/** What the operator select offers: the server's operators plus "is empty" / "is not empty" for fields that may be. */
export type RowOp = SearchOp | 'empty' | 'not_empty';

const opsOf: Record<Kind, readonly SearchOp[]> = {
  enum: ['eq', 'neq', 'in'],
  id: ['eq', 'neq', 'in'],
  text: ['eq', 'neq', 'contains', 'in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
  duration: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
  time: ['gte', 'lt', 'gt', 'lte', 'eq', 'neq'],
};

export function opsFor(field: SearchField): RowOp[] {
  const spec: FieldSpec = searchFields[field];
  return [...opsOf[spec.kind], ...(spec.nullable ? (['empty', 'not_empty'] as const) : [])];
}

export interface SearchRow {
  id: number;
  field: SearchField;
  op: RowOp;
  /** Text inputs hold a string; multi-selects (op `in` on choices) hold the chosen values. */
  value: string | string[];
}

export type ValueInput =
  | { kind: 'none' }
  | { kind: 'select'; multiple: boolean; choices: { value: string; label: string }[] }
  | { kind: 'text'; placeholder: MessageKey }
  | { kind: 'number'; placeholder: MessageKey }
  | { kind: 'duration'; placeholder: MessageKey }
  | { kind: 'time' };

export interface RefLists {
  channels: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  agentGroups: { id: string; name: string }[];
}

/** The value control a row needs; `label` names enum values in the user's language. */
export function valueInput(row: SearchRow, refs: RefLists, label: (field: SearchField, value: string) => string): ValueInput {
  if (row.op === 'empty' || row.op === 'not_empty') return { kind: 'none' };
  const spec: FieldSpec = searchFields[row.field];
  const multiple = row.op === 'in';
  switch (spec.kind) {
    case 'enum':
      return { kind: 'select', multiple, choices: (spec.choices ?? []).map((v) => ({ value: v, label: label(row.field, v) })) };
    case 'id': {
      const list = spec.ref === 'channel' ? refs.channels : spec.ref === 'agent' ? refs.agents : refs.agentGroups;
      return { kind: 'select', multiple, choices: list.map((x) => ({ value: x.id, label: x.name })) };
    }
    case 'text':
      return { kind: 'text', placeholder: multiple ? 'search.placeholder.list' : 'search.placeholder.text' };
    case 'number':
      return { kind: 'number', placeholder: 'search.placeholder.number' };
    case 'duration':
      return { kind: 'duration', placeholder: 'search.placeholder.duration' };
    case 'time':
      return { kind: 'time' };
  }
}

/** A fresh row for a field (its first operator, an empty value). */
export function newRow(id: number, field: SearchField = 'result'): SearchRow {
  const spec: FieldSpec = searchFields[field];
  return { id, field, op: opsOf[spec.kind][0]!, value: '' };
}

/** Changing the field keeps the operator when the new field takes it, and starts the value over. */
export function changeField(row: SearchRow, field: SearchField): SearchRow {
  const ops = opsFor(field);
  return { ...row, field, op: ops.includes(row.op) ? row.op : ops[0]!, value: '' };
}

/** Changing the operator keeps a single value when going to or from a list. */
export function changeOp(row: SearchRow, op: RowOp): SearchRow {
  const value = Array.isArray(row.value) ? (op === 'in' ? row.value : row.value[0] ?? '') : (op === 'in' && searchFields[row.field].kind !== 'text' ? (row.value ? [row.value] : []) : row.value);
  return { ...row, op, value };
}

/** "90", "1:30" and "00:01:30" are all 90 seconds. */
export function parseDuration(s: string): number | null {
  const v = s.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)$/.exec(v);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export type SearchBuild = { ok: true; body: Omit<CallSearchBody, 'limit' | 'cursor'> } | { ok: false; errors: Record<number, MessageKey> };

/** The rows as the search request; each row that cannot be sent gets a reason. Times are read in the user's zone. */
export function toSearchBody(rows: readonly SearchRow[], match: 'all' | 'any', timeZone: string): SearchBuild {
  const errors: Record<number, MessageKey> = {};
  const conditions: SearchCondition[] = [];
  for (const row of rows) {
    const spec: FieldSpec = searchFields[row.field];
    if (row.op === 'empty' || row.op === 'not_empty') {
      conditions.push({ field: row.field, op: row.op === 'empty' ? 'eq' : 'neq', value: null });
      continue;
    }
    const list = Array.isArray(row.value) ? row.value : row.op === 'in' ? row.value.split(',').map((x) => x.trim()).filter(Boolean) : null;
    if (row.op === 'in') {
      if (!list || list.length === 0) {
        errors[row.id] = 'search.error.chooseOne';
        continue;
      }
      if (list.length > 100) {
        errors[row.id] = 'search.error.tooMany';
        continue;
      }
      conditions.push({ field: row.field, op: 'in', value: list });
      continue;
    }
    const raw = (Array.isArray(row.value) ? row.value[0] ?? '' : row.value).trim();
    if (!raw) {
      errors[row.id] = 'search.error.value';
      continue;
    }
    switch (spec.kind) {
      case 'number': {
        if (!/^\d+$/.test(raw)) errors[row.id] = 'search.error.number';
        else conditions.push({ field: row.field, op: row.op, value: Number(raw) });
        break;
      }
      case 'duration': {
        const secs = parseDuration(raw);
        if (secs === null) errors[row.id] = 'search.error.duration';
        else conditions.push({ field: row.field, op: row.op, value: secs });
        break;
      }
      case 'time': {
        const at = fromLocalInput(raw, timeZone);
        if (at === null) errors[row.id] = 'search.error.time';
        else conditions.push({ field: row.field, op: row.op, value: new Date(at).toISOString() });
        break;
      }
      default:
        conditions.push({ field: row.field, op: row.op, value: raw });
    }
  }
  if (rows.length > 20) return { ok: false, errors: { [rows[20]!.id]: 'search.error.tooManyRows' } };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: { match, conditions } };
}
