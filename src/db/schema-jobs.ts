import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface JobsTable {
  id: Generated<string>;
  council_id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  done_at: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface JobTables {
  jobs: JobsTable;
}
