import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the meetings tables (migration 0002). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type MeetingKind = 'ordinary' | 'extraordinary';
export type MinutesStatus = 'none' | 'draft' | 'approved';
export type AgendaRequestStatus = 'pending' | 'accepted' | 'rejected';

export interface MourningDaysTable {
  id: Generated<string>;
  council_id: string;
  day: string;
  name: string;
  created_at: Generated<Timestamp>;
}

export interface MeetingsTable {
  id: Generated<string>;
  council_id: string;
  committee_id: string | null;
  kind: MeetingKind;
  meeting_date: string;
  starts_at: string;
  venue: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  summons_issued_on: string | null;
  summons_issued_at: Timestamp | null;
  summons_issue_count: Generated<number>;
  agenda_changed_since_issue: Generated<boolean>;
  minutes_status: Generated<MinutesStatus>;
  minutes_approved_at: string | null;
  minutes_approved_on: string | null;
  /** Why a meeting was called on less notice than the summons needs (migration 0020). */
  short_notice_reason: string | null;
}

export interface AgendaRequestsTable {
  id: Generated<string>;
  council_id: string;
  number: number;
  meeting_id: string;
  requested_by: string;
  recorded_by: string;
  title: string;
  details: Generated<string>;
  received_at: Generated<Timestamp>;
  status: Generated<AgendaRequestStatus>;
  urgent_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: Generated<string>;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  position: number;
  title: string;
  details: Generated<string>;
  confidential: Generated<boolean>;
  confidential_reason: Generated<string>;
  request_id: string | null;
  minute: Generated<string>;
  /** The matter the item is about (migration 0004): its papers are withheld from a councillor with a pecuniary interest in it. */
  matter_id: Generated<string | null>;
}

export interface AgendaPapersTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  request_id: string | null;
  title: string;
  body: string;
  /** A paper that is a document of the library (migration 0012): its file, its classification and its recipients. */
  document_id: Generated<string | null>;
  created_by: string;
  created_at: Generated<Timestamp>;
}

export interface AgendaCommentsTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  author_id: string;
  body: string;
  created_at: Generated<Timestamp>;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  council_id: string;
  recipient_id: string | null;
  recipient_email: string;
  channel: 'email' | 'post';
  subject: string;
  body: string;
  meeting_id: string | null;
  created_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
  /** A letter: the day the Clerk posted it, and who recorded that. */
  posted_on: Generated<string | null>;
  posted_by: Generated<string | null>;
  /** A letter: the name and postal address it was posted to (migration 0031); null until posted, and on an email. */
  recipient_name: Generated<string | null>;
  recipient_postal_address: Generated<string | null>;
}

export interface SummonsPreferencesTable {
  council_id: string;
  person_id: string;
  electronic: boolean;
  updated_at: Generated<Timestamp>;
}

export interface CalendarFeedsTable {
  council_id: string;
  person_id: string;
  token_hash: string;
  created_at: Generated<Timestamp>;
}

export type AttendanceStatus = 'present' | 'apologies' | 'absent' | 'in_attendance';

/** Who attended a meeting (migration 0011): members present, with apologies or absent; officers in attendance. */
export interface MeetingAttendanceTable {
  council_id: string;
  meeting_id: string;
  person_id: string;
  status: AttendanceStatus;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface MeetingTables {
  meeting_attendance: MeetingAttendanceTable;
  mourning_days: MourningDaysTable;
  meetings: MeetingsTable;
  agenda_requests: AgendaRequestsTable;
  agenda_items: AgendaItemsTable;
  agenda_papers: AgendaPapersTable;
  agenda_comments: AgendaCommentsTable;
  outbox_messages: OutboxMessagesTable;
  summons_preferences: SummonsPreferencesTable;
  calendar_feeds: CalendarFeedsTable;
}
