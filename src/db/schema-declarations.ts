import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of declarations of interest at meetings and dispensations (migration 0028). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type DispensationGround = 'a' | 'b' | 'c' | 'd' | 'e';
export type DispensationCovers = 'speaking' | 'voting' | 'both';
export type DeclarationKind = 'pecuniary' | 'other_registrable' | 'non_registrable' | 'none';

export interface DispensationsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  /** The ground of Localism Act 2011 s.33(2), (a) to (e). */
  ground: DispensationGround;
  reasons: string;
  covers: DispensationCovers;
  asked_from: string;
  asked_until: string;
  requested_on: string;
  requested_by: string;
  status: Generated<'requested' | 'granted' | 'refused'>;
  decided_by_kind: 'council' | 'clerk' | null;
  resolution_id: string | null;
  decision_reference: Generated<string>;
  granted_from: string | null;
  granted_until: string | null;
  decided_on: string | null;
  decided_by: string | null;
  /** The end date a reminder was sent for. */
  reminded_on: string | null;
  created_at: Generated<Timestamp>;
}

export interface DispensationMattersTable {
  council_id: string;
  dispensation_id: string;
  matter_id: string;
}

export interface DispensationItemsTable {
  council_id: string;
  dispensation_id: string;
  agenda_item_id: string;
}

export interface MeetingDeclarationsTable {
  id: Generated<string>;
  council_id: string;
  meeting_id: string;
  agenda_item_id: string;
  person_id: string;
  stage: 'before' | 'meeting';
  kind: DeclarationKind;
  details: Generated<string>;
  left_room: Generated<boolean>;
  took_no_part: Generated<boolean>;
  dispensation_id: string | null;
  /** A pecuniary interest declared at the meeting and not in the register: registered by this day (s.31(3)). */
  register_by: string | null;
  chase_sent_on: string | null;
  recorded_by: string;
  created_at: Generated<Timestamp>;
}

export interface DeclarationTables {
  dispensations: DispensationsTable;
  dispensation_matters: DispensationMattersTable;
  dispensation_items: DispensationItemsTable;
  meeting_declarations: MeetingDeclarationsTable;
}
