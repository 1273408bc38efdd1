import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the subject access and retention tables (migration 0024). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface SubjectAccessRequestsTable {
  id: Generated<string>;
  council_id: string;
  /** The person in Concord the request is from; null for someone else, named below. */
  person_id: string | null;
  requester_name: Generated<string>;
  requester_email: Generated<string>;
  received_on: string;
  identity_checked: boolean;
  /** How identity was checked (or why it has not been yet). */
  identity_method: Generated<string>;
  /** Why the request is complex; empty unless extended. */
  complex_reason: Generated<string>;
  /** The day the person was told of the extension, within the first month. */
  person_told_on: string | null;
  deadline: string;
  status: Generated<'open' | 'sent'>;
  sent_on: string | null;
  sent_by: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface SubjectAccessRemindersTable {
  council_id: string;
  request_id: string;
  kind: 'week_before' | 'due';
  deadline: string;
  sent_at: Timestamp;
}

export interface RetentionHoldsTable {
  id: Generated<string>;
  council_id: string;
  record_kind: string;
  record_id: string;
  reason: string;
  placed_by: string;
  placed_at: Timestamp;
}

export interface PrivacyTables {
  subject_access_requests: SubjectAccessRequestsTable;
  subject_access_reminders: SubjectAccessRemindersTable;
  retention_holds: RetentionHoldsTable;
}
