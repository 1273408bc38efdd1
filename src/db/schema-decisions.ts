import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the decisions tables (migration 0007). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type AgreedActionStatus = 'pending' | 'confirmed' | 'declined';

export interface ResolutionsTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  /** The minute number the council gives the resolution, e.g. "26/114". */
  minute_number: string;
  text: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface TaskNotesTable {
  id: Generated<string>;
  council_id: string;
  task_id: string;
  author_id: string;
  body: string;
  status_after: 'open' | 'in_progress' | 'done';
  created_at: Timestamp;
}

export interface AgreedActionsTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  recorded_by: string;
  description: string;
  recorded_at: Timestamp;
  status: Generated<AgreedActionStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: Generated<string>;
  resolution_id: string | null;
  task_id: string | null;
}

export interface DecisionTables {
  resolutions: ResolutionsTable;
  task_notes: TaskNotesTable;
  agreed_actions: AgreedActionsTable;
}
