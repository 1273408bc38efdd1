import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the staff messages and contact reports tables (migration 0009). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type StaffMessageStatus = 'held' | 'delivered';
export const CONTACT_CHANNELS = ['personal_email', 'personal_phone', 'messaging', 'social_media', 'in_person', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface StaffMessagesTable {
  id: Generated<string>;
  council_id: string;
  sender_id: string;
  /** The officer it is to; null for the office, which is the Clerk's. */
  recipient_id: string | null;
  subject: string;
  body: string;
  urgent: Generated<boolean>;
  urgent_reason: string | null;
  out_of_hours: boolean;
  status: StaffMessageStatus;
  sent_at: Timestamp;
  deliver_at: Timestamp;
  delivered_at: NullableTimestamp;
  read_at: NullableTimestamp;
}

export interface ContactReportsTable {
  id: Generated<string>;
  council_id: string;
  reporter_id: string;
  councillor_id: string;
  occurred_on: string;
  channel: ContactChannel;
  summary: string;
  concerns_clerk: boolean;
  created_at: Timestamp;
}

export interface ContactReportRecipientsTable {
  council_id: string;
  report_id: string;
  person_id: string;
}

export interface MessageTables {
  staff_messages: StaffMessagesTable;
  contact_reports: ContactReportsTable;
  contact_report_recipients: ContactReportRecipientsTable;
}
