import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentTables } from './schema-documents.js';
import type { MeetingTables } from './schema-meetings.js';
import type { EnquiryTables } from './schema-enquiries.js';
import type { JobTables } from './schema-jobs.js';
import type { DecisionTables } from './schema-decisions.js';
import type { BulletinTables } from './schema-bulletins.js';
import type { MessageTables } from './schema-messages.js';
import type { AccountTables } from './schema-accounts.js';
import type { TwoStepTables } from './schema-two-step.js';
import type { ConcernTables } from './schema-concerns.js';
import type { GroupTables } from './schema-groups.js';
import type { TrainingTables } from './schema-training.js';
import type { PrivacyTables } from './schema-privacy.js';
import type { DeclarationTables } from './schema-declarations.js';

/** Kysely's view of the tables. Dates are ISO strings ("YYYY-MM-DD") on both drivers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CouncilsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: 'town' | 'parish' | 'community';
  nation: 'england' | 'wales';
  principal_authority: Generated<string>;
  template_key: string;
  terminology: ColumnType<import('../protocol/types.js').Terminology, string, string>;
  settings: ColumnType<import('../protocol/types.js').TemplateSettings, string, string>;
  hostnames: Generated<string[]>;
  is_demo: Generated<boolean>;
  created_at: Generated<Timestamp>;
  /** When the council was last in a whole backup (src/backup). */
  backed_up_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

export type Role = 'clerk' | 'officer' | 'councillor';
export type CouncilOffice = 'chair' | 'vice_chair';

export interface PeopleTable {
  id: Generated<string>;
  council_id: string;
  name: string;
  email: string;
  password_hash: string | null;
  role: Role;
  job_title: Generated<string>;
  council_office: CouncilOffice | null;
  is_rfo: Generated<boolean>;
  term_starts: string | null;
  term_ends: string | null;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  /** The language the person reads Concord in; null until they choose (the council's default). */
  locale: Generated<import('../i18n/messages.js').Locale | null>;
  /** Where the person's letters go (a summons on paper), lines separated by newlines; '' when not recorded. */
  postal_address: Generated<string>;
}

export interface CommitteesTable {
  id: Generated<string>;
  council_id: string;
  name: string;
  terms_of_reference: Generated<string>;
  delegated_powers: Generated<string>;
  holds_personnel: Generated<boolean>;
  holds_finance: Generated<boolean>;
  chair_id: string | null;
  vice_chair_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface CommitteeMembersTable {
  council_id: string;
  committee_id: string;
  person_id: string;
}

export interface PoliticalGroupsTable {
  id: Generated<string>;
  council_id: string;
  name: string;
  leader_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface GroupMembersTable {
  council_id: string;
  group_id: string;
  person_id: string;
}

export type ContactKind = 'monitoring_officer' | 'independent_person' | 'county_association' | 'ombudsman' | 'other';

export interface ExternalContactsTable {
  id: Generated<string>;
  council_id: string;
  kind: ContactKind;
  name: string;
  organisation: Generated<string>;
  email: Generated<string>;
  phone: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface ProtocolVersionsTable {
  id: Generated<string>;
  council_id: string;
  version: string;
  title: string;
  approved_on: string | null;
  approved_by: Generated<string>;
  summary: Generated<string>;
  is_current: Generated<boolean>;
  created_at: Generated<Timestamp>;
  /** The title and summary of changes in Welsh, where the council keeps both. */
  title_cy: Generated<string | null>;
  summary_cy: Generated<string | null>;
  /** A draft is the Clerk's until a resolution approves it (migration 0019). */
  status: Generated<'draft' | 'approved'>;
  /** The day it comes into force; rules follow the version in force on the day of a request. */
  in_force_from: Generated<string | null>;
  resolution_id: Generated<string | null>;
  review_due_on: Generated<string | null>;
  reviewed_on: Generated<string | null>;
  drafted_by: Generated<string | null>;
  based_on: Generated<string | null>;
}

export interface ProtocolAcknowledgementsTable {
  council_id: string;
  version_id: string;
  person_id: string;
  acknowledged_at: Timestamp;
}

export interface ProtocolClausesTable {
  id: Generated<string>;
  council_id: string;
  version_id: string;
  position: number;
  number: string;
  heading: string;
  body: string;
  summary: string;
  kind: import('../protocol/types.js').ClauseKind;
  rules: string[];
  /** The clause in Welsh, where the council keeps its protocol in both languages. */
  heading_cy: Generated<string | null>;
  body_cy: Generated<string | null>;
  summary_cy: Generated<string | null>;
  /** Whom the clause speaks to (chairs, group leaders …); empty for everyone (0016). */
  addresses: Generated<string[]>;
}

export interface SessionsTable {
  id: string;
  council_id: string;
  person_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export type TaskStatus = 'open' | 'in_progress' | 'done';

export interface OfficerTasksTable {
  id: Generated<string>;
  council_id: string;
  reference: Generated<number>;
  title: string;
  details: Generated<string>;
  decision_reference: string;
  assigned_to: string;
  created_by: string;
  due_on: string | null;
  status: Generated<TaskStatus>;
  created_at: Generated<Timestamp>;
  /** The resolution the task comes from (migration 0007); older tasks cite it as text only. */
  resolution_id: Generated<string | null>;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  council_id: string;
  /** Numbered and stamped by Concord as it seals the entry; the trigger checks the number. */
  seq: Generated<number>;
  at: ColumnType<Date, string | undefined, never>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: ColumnType<unknown, string, never>;
  /** Filled in by the database trigger that builds the SHA-256 chain. */
  prev_hash: Generated<string>;
  hash: Generated<string>;
  /** The entry's seal: HMAC-SHA-256 under the audit key (0014_audit_anchor); null before it. */
  mac: ColumnType<string | null, string, never>;
}

export interface DB extends DocumentTables, MeetingTables, JobTables, EnquiryTables, DecisionTables, BulletinTables, MessageTables, AccountTables, TwoStepTables, ConcernTables, GroupTables, TrainingTables, PrivacyTables, DeclarationTables {
  councils: CouncilsTable;
  people: PeopleTable;
  committees: CommitteesTable;
  committee_members: CommitteeMembersTable;
  political_groups: PoliticalGroupsTable;
  group_members: GroupMembersTable;
  external_contacts: ExternalContactsTable;
  protocol_versions: ProtocolVersionsTable;
  protocol_clauses: ProtocolClausesTable;
  protocol_acknowledgements: ProtocolAcknowledgementsTable;
  sessions: SessionsTable;
  officer_tasks: OfficerTasksTable;
  audit_log: AuditLogTable;
}

export type Council = Selectable<CouncilsTable>;
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Committee = Selectable<CommitteesTable>;
export type PoliticalGroup = Selectable<PoliticalGroupsTable>;
export type ExternalContact = Selectable<ExternalContactsTable>;
export type ProtocolVersion = Selectable<ProtocolVersionsTable>;
export type ProtocolClause = Selectable<ProtocolClausesTable>;
export type OfficerTask = Selectable<OfficerTasksTable>;
