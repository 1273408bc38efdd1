import { sql, type Kysely } from 'kysely';

/**
 * A meeting called on less notice than the summons needs, where the law allows it: the reason
 * it cannot wait, kept with the meeting so the summons and the public notice can state it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table meetings add column short_notice_reason text`.execute(db);
}

/** No new table: the column belongs to a table already isolated by council. */
export const TENANT_TABLES: readonly string[] = [];
