import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the concerns and conduct tables (migration 0017). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const CONCERN_ABOUT = ['councillor', 'officer', 'relationship', 'employment'] as const;
export type ConcernAbout = (typeof CONCERN_ABOUT)[number];
export type ConcernStatus = 'informal' | 'formal' | 'closed';
export const PROCEDURES = ['grievance', 'disciplinary'] as const;
export type Procedure = (typeof PROCEDURES)[number];
export const ENTRY_KINDS = ['conversation', 'agreed_outcome', 'mediation', 'advice', 'note'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const STAGES = ['informal_review', 'written_statement', 'meeting', 'written_outcome', 'appeal'] as const;
export type Stage = (typeof STAGES)[number];

export interface ConcernCasesTable {
  id: Generated<string>;
  council_id: string;
  raised_by: string;
  about_kind: ConcernAbout;
  about_person_id: string | null;
  statement: string;
  concerns_clerk: boolean;
  /** The councillor who passed an officer's approach about their own employment into the procedure (I3.4). */
  passed_on_by: string | null;
  status: Generated<ConcernStatus>;
  procedure: Procedure | null;
  personnel_committee_id: string | null;
  outcome: string | null;
  decided_by_resolution_id: string | null;
  raised_at: Timestamp;
  formal_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  /** The case's address in Concord, for reminders written with no request to hand. */
  link: Generated<string>;
}

export interface ConcernHandlersTable {
  council_id: string;
  case_id: string;
  person_id: string;
  /** Catalogue key of the office that puts them there ("concerns.office.clerk"). */
  office: string;
}

export interface ConcernEntriesTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  kind: EntryKind;
  contact_id: string | null;
  body: string;
  author_id: string;
  occurred_on: string;
  created_at: Timestamp;
}

export interface ConcernStagesTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  stage: Stage;
  due_on: string;
  done_on: string | null;
  note: Generated<string>;
  companion: Generated<string>;
  panel_ids: Generated<string[]>;
  reminded_at: NullableTimestamp;
}

/** What a handler told the person a case is about (migration 0023): the only part of a case they read. */
export interface ConcernDisclosuresTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  person_id: string;
  /** The allegation in the handler's own words; never the raiser's statement copied. */
  summary: string;
  /** The meeting invitation (when and where), or '' when none was given. */
  invitation: Generated<string>;
  /** Whether the person concerned may see the stage dates and what is due next. */
  share_dates: boolean;
  /** The outcome as it stood when told, or null when not given. */
  outcome: string | null;
  /** The raiser's name, only when the handler chose to give it. */
  raiser_name: string | null;
  disclosed_by: string;
  disclosed_at: Timestamp;
}

export interface ConductAcknowledgementsTable {
  council_id: string;
  person_id: string;
  code_version: string;
  nolan: boolean;
  acknowledged_at: Timestamp;
}

export interface ConductReferralsTable {
  id: Generated<string>;
  council_id: string;
  councillor_id: string;
  complainant: string;
  complaint: string;
  occurred_on: string;
  referred_to: 'monitoring_officer' | 'ombudsman';
  contact_id: string | null;
  referred_by: string;
  referred_at: Timestamp;
}

export interface ConcernTables {
  concern_cases: ConcernCasesTable;
  concern_handlers: ConcernHandlersTable;
  concern_entries: ConcernEntriesTable;
  concern_stages: ConcernStagesTable;
  concern_disclosures: ConcernDisclosuresTable;
  conduct_acknowledgements: ConductAcknowledgementsTable;
  conduct_referrals: ConductReferralsTable;
}
