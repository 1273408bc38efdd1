import { sql, type Kysely } from 'kysely';

/**
 * Welsh and English (SPEC R19): each person's language, and each clause of a protocol in
 * Welsh beside English where the council keeps both. A council's languages and default are
 * settings (councils.settings); its Welsh titles are kept with its terminology.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people add column locale text check (locale in ('en', 'cy'));
    alter table protocol_clauses add column heading_cy text, add column body_cy text, add column summary_cy text;
    alter table protocol_versions add column title_cy text, add column summary_cy text;
  `.execute(db);
}

/** No new table: the columns belong to tables already isolated by council. */
export const TENANT_TABLES: readonly string[] = [];
