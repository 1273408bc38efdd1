import { sql, type Kysely } from 'kysely';

/**
 * When each council was last in a whole backup, so its Clerk's home page can say when there has
 * been none for a week. Written after the backup file is complete (src/backup/schedule.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table councils add column backed_up_at timestamptz`.execute(db);
  // /readyz compares the migrations run with those the code knows, through the requests login.
  await sql`grant select on kysely_migration to concord_system`.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
