import { sql, type Kysely } from 'kysely';

/**
 * The matter an agenda item is about (optional), so that its papers follow the same rule as
 * documents: a councillor with a registered pecuniary interest in the matter is refused them.
 *
 * The foreign key carries `council_id`, as the links of 0003 do, so an item can only ever
 * name a matter of its own council, whatever the application does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agenda_items add column matter_id uuid null;
    alter table agenda_items add constraint agenda_items_matter foreign key (matter_id, council_id) references matters(id, council_id);
    create index agenda_items_matter on agenda_items (matter_id);
  `.execute(db);
}

/** No new tables: agenda_items is already isolated (0002). */
export const TENANT_TABLES: readonly string[] = [];
