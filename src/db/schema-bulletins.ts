import type { ColumnType, Generated } from 'kysely';
import type { CouncilOffice } from './schema.js';

/** Kysely's view of the bulletins tables (migration 0008). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BulletinsTable {
  id: Generated<string>;
  council_id: string;
  title: string;
  body: string;
  /** Sent to every councillor in term on the day it was published. */
  audience_all: boolean;
  audience_committee_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** The chosen committees' names on the day it was published, in the same order as their ids. */
  audience_committee_names: ColumnType<string[], string[] | undefined, string[]>;
  audience_offices: ColumnType<CouncilOffice[], CouncilOffice[] | undefined, CouncilOffice[]>;
  author_id: string;
  published_at: Timestamp;
  created_at: Generated<Timestamp>;
}

export interface BulletinRecipientsTable {
  council_id: string;
  bulletin_id: string;
  person_id: string;
  /** The read receipt: when the recipient first opened the bulletin. */
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface BulletinTables {
  bulletins: BulletinsTable;
  bulletin_recipients: BulletinRecipientsTable;
}
