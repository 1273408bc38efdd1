import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of political groups' requests, reports and notices, and officers' reports (migration 0016). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const GROUP_REQUEST_KINDS = ['briefing', 'written_report', 'attendance'] as const;
export type GroupRequestKind = (typeof GROUP_REQUEST_KINDS)[number];
export type GroupRequestStatus = 'pending' | 'accepted' | 'declined';
export const GROUP_REPORT_KINDS = ['report', 'advice'] as const;
export type GroupReportKind = (typeof GROUP_REPORT_KINDS)[number];

export interface GroupRequestsTable {
  id: Generated<string>;
  council_id: string;
  group_id: string;
  requested_by: string;
  kind: GroupRequestKind;
  subject: string;
  details: Generated<string>;
  /** For an officer's attendance: the day of the group's meeting. */
  meeting_on: string | null;
  status: Generated<GroupRequestStatus>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  /** The clause number under which the officer declined, as cited when they did. */
  decline_clause: string | null;
  assigned_to: string | null;
  due_on: string | null;
  created_at: Timestamp;
}

export interface GroupReportsTable {
  id: Generated<string>;
  council_id: string;
  group_id: string;
  request_id: string | null;
  author_id: string;
  kind: GroupReportKind;
  subject: string;
  facts: string;
  options: string;
  neutrality_confirmed: boolean;
  /** Whether every group was given the report itself (the council's setting when it was issued). */
  shared_in_full: boolean;
  issued_at: Timestamp;
}

export interface GroupNoticesTable {
  id: Generated<string>;
  council_id: string;
  report_id: string;
  group_id: string;
  created_at: Timestamp;
}

export interface OfficerReportsTable {
  id: Generated<string>;
  council_id: string;
  author_id: string;
  agenda_item_id: string | null;
  title: string;
  body: string;
  recommendation: string;
  version: Generated<number>;
  issued_at: Timestamp;
  updated_at: Timestamp;
}

export interface OfficerReportVersionsTable {
  council_id: string;
  report_id: string;
  version: number;
  title: string;
  body: string;
  recommendation: string;
  changed_by: string;
  changed_at: Timestamp;
}

export interface OfficerReportViewsTable {
  id: Generated<string>;
  council_id: string;
  report_id: string;
  councillor_id: string;
  body: string;
  created_at: Timestamp;
}

export interface GroupTables {
  group_requests: GroupRequestsTable;
  group_reports: GroupReportsTable;
  group_notices: GroupNoticesTable;
  officer_reports: OfficerReportsTable;
  officer_report_versions: OfficerReportVersionsTable;
  officer_report_views: OfficerReportViewsTable;
}
