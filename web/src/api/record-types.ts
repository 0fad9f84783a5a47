/** Business records (`/api/calls/:id/business-record`, `src/app/business-records/`). */

export interface NamedRef {
  id: string;
  name: string;
}

export interface BusinessRecord {
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
  /** Send it back as `expected_version` so a stale edit is refused. */
  version: number;
  updated_at: string | null;
  updated_by: NamedRef | null;
}

export interface BusinessRecordInput {
  notes?: string;
  tag_ids?: string[];
  disposition_id?: string | null;
  expected_version?: number;
}

/** What one edit changed; only the fields that changed are present. */
export interface BusinessRecordChanges {
  notes?: { from: string; to: string };
  tags?: { added: NamedRef[]; removed: NamedRef[] };
  disposition?: { from: NamedRef | null; to: NamedRef | null };
}

export interface BusinessRecordHistoryEntry {
  id: string;
  at: string;
  user_id: string | null;
  user_name: string | null;
  changes: BusinessRecordChanges;
}
