import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the training, equipment, appointments and first-28-days tables (migration 0018). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type TrainingAudience = 'new_councillors' | 'councillors' | 'officers' | 'clerk';

export interface TrainingRequirementsTable {
  id: Generated<string>;
  council_id: string;
  course: string;
  applies_to: TrainingAudience;
  /** Days from the start (a councillor's term, an officer's joining) by which it is due. */
  within_days: number;
  created_at: Generated<Timestamp>;
}

export interface TrainingRecordsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  course: string;
  provider: string;
  completed_on: string;
  /** numeric: read back as a string on PostgreSQL. */
  hours: ColumnType<string | number, number, number>;
  certificate_document_id: string | null;
  requirement_id: string | null;
  recorded_by: string;
  created_at: Generated<Timestamp>;
}

export interface TrainingRequestsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  course: string;
  reason: Generated<string>;
  status: Generated<'open' | 'arranged' | 'declined'>;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
}

export interface TrainingRemindersTable {
  council_id: string;
  person_id: string;
  requirement_id: string;
  due_on: string;
  sent_at: Timestamp;
}

export interface TrainingPlansTable {
  id: Generated<string>;
  council_id: string;
  resolution_id: string;
  adopted_on: string;
  next_election_on: string | null;
  content: ColumnType<unknown, string, string>;
  recorded_by: string;
  reminded_at: NullableTimestamp;
  created_at: Generated<Timestamp>;
}

export interface EquipmentItemsTable {
  id: Generated<string>;
  council_id: string;
  name: string;
  asset_number: string;
  condition: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface EquipmentLoansTable {
  id: Generated<string>;
  council_id: string;
  item_id: string;
  person_id: string;
  issued_on: string;
  issued_condition: Generated<string>;
  issued_by: string;
  acknowledged_at: NullableTimestamp;
  returned_on: string | null;
  returned_condition: string | null;
  reminded_at: NullableTimestamp;
  created_at: Generated<Timestamp>;
}

export interface AppointmentsTable {
  id: Generated<string>;
  council_id: string;
  title: string;
  resolution_id: string;
  status: Generated<'open' | 'appointed' | 'withdrawn'>;
  outcome: Generated<string>;
  decided_on: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}

export interface AppointmentPanelTable {
  council_id: string;
  appointment_id: string;
  person_id: string;
}

export interface AppointmentCandidatesTable {
  id: Generated<string>;
  council_id: string;
  appointment_id: string;
  name: string;
  paper_document_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface AppointmentScoresTable {
  id: Generated<string>;
  council_id: string;
  candidate_id: string;
  scorer_id: string;
  score: number;
  comment: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface InterestNilReturnsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  returned_on: string;
  recorded_by: string;
  created_at: Generated<Timestamp>;
}

export interface InductionRemindersTable {
  council_id: string;
  person_id: string;
  item: string;
  due_on: string;
  sent_at: Timestamp;
}

export interface TrainingTables {
  training_requirements: TrainingRequirementsTable;
  training_records: TrainingRecordsTable;
  training_requests: TrainingRequestsTable;
  training_reminders: TrainingRemindersTable;
  training_plans: TrainingPlansTable;
  equipment_items: EquipmentItemsTable;
  equipment_loans: EquipmentLoansTable;
  appointments: AppointmentsTable;
  appointment_panel: AppointmentPanelTable;
  appointment_candidates: AppointmentCandidatesTable;
  appointment_scores: AppointmentScoresTable;
  interest_nil_returns: InterestNilReturnsTable;
  induction_reminders: InductionRemindersTable;
}
