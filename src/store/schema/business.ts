import type { ColumnType, Generated } from 'kysely';
import type { Json } from './json.js';

type Timestamp = ColumnType<Date, Date, Date>;
type TimestampNullable = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface TagsTable {
  id: string;
  tenant_id: string;
  name: string;
  created_at: Timestamp;
}

export interface DispositionsTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  name: string;
  created_at: Timestamp;
}

export interface BusinessRecordsTable {
  call_id: string;
  tenant_id: string;
  notes: Generated<string>;
  disposition_id: string | null;
  disposition_required: Generated<boolean>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: TimestampNullable;
  created_at: Timestamp;
}

export interface BusinessRecordTagsTable {
  call_id: string;
  tag_id: string;
  tenant_id: string;
}

/** A named value as it was when the change was made (names may change later). */
export interface NamedRef {
  id: string;
  name: string;
}

/** What one edit changed; only the fields that changed are present. */
export interface BusinessRecordChanges {
  notes?: { from: string; to: string };
  tags?: { added: NamedRef[]; removed: NamedRef[] };
  disposition?: { from: NamedRef | null; to: NamedRef | null };
}

export interface BusinessRecordHistoryTable {
  id: string;
  seq: Generated<string>;
  tenant_id: string;
  call_id: string;
  user_id: string | null;
  user_name: string | null;
  at: Timestamp;
  changes: Json<BusinessRecordChanges>;
}

export interface CannedAnswersTable {
  id: string;
  tenant_id: string;
  channel_id: string | null;
  title: string;
  body: string;
  shortcut: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PromptsTable {
  id: string;
  tenant_id: string;
  name: string;
  duration_ms: number;
  size_bytes: number;
  sha256: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface BusinessTables {
  tags: TagsTable;
  dispositions: DispositionsTable;
  business_records: BusinessRecordsTable;
  business_record_tags: BusinessRecordTagsTable;
  business_record_history: BusinessRecordHistoryTable;
  canned_answers: CannedAnswersTable;
  prompts: PromptsTable;
}
