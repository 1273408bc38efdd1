import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the enquiries tables (migrations 0006 and 0010). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type EnquiryKind = 'enquiry' | 'complaint';
export type EnquiryStatus = 'open' | 'answered' | 'closed';

export interface EnquiriesTable {
  id: Generated<string>;
  council_id: string;
  reference: string;
  ref_year: number;
  ref_number: number;
  councillor_id: string;
  subject: string;
  body: string;
  kind: Generated<EnquiryKind>;
  status: Generated<EnquiryStatus>;
  received_at: Timestamp;
  due_on: string;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the officers were reminded that it falls due (0010). */
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When, overdue, it was escalated to the Clerk (0010). */
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Timestamp>;
}

export interface EnquiryMessagesTable {
  id: Generated<string>;
  council_id: string;
  enquiry_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface EnquiryTables {
  enquiries: EnquiriesTable;
  enquiry_messages: EnquiryMessagesTable;
}
