import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the lookups every council's pages make, so that a request costs the same with
 * ten thousand councils on the server as with one:
 * - every table holding a council's rows gets an index leading with `council_id` (row-level
 *   security adds `council_id = …` to every query on it);
 * - every foreign key between such tables gets an index on (council_id, the key), so reading
 *   a meeting's papers or a person's tasks, and deleting the row they point at, never scans.
 *
 * The tables and keys are read from the catalogue as it stands after the migrations before
 * this one, so none is missed; `src/db/indexes.test.ts` holds every later table to the same
 * rule, so a new capability adds its own indexes in its own migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare
      target record;
    begin
      -- Tables with a council_id and no index that starts with it.
      for target in
        select c.relname as tab
        from pg_class c
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'council_id' and not a.attisdropped
        where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
          and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)
      loop
        execute format('create index %I on %I (council_id)', target.tab || '_council', target.tab);
      end loop;
      -- One-column foreign keys on such tables with no index that starts with the key, or with
      -- council_id and then the key.
      for target in
        select c.relname as tab, k.attname as col
        from pg_constraint f
        join pg_class c on c.oid = f.conrelid
        join pg_attribute k on k.attrelid = c.oid and k.attnum = f.conkey[1]
        join pg_attribute cid on cid.attrelid = c.oid and cid.attname = 'council_id' and not cid.attisdropped
        where f.contype = 'f' and cardinality(f.conkey) = 1 and c.relnamespace = 'public'::regnamespace
          and k.attname <> 'council_id'
          and not exists (
            select 1 from pg_index i
            where i.indrelid = c.oid
              and (i.indkey[0] = k.attnum or (i.indkey[0] = cid.attnum and i.indnatts > 1 and i.indkey[1] = k.attnum))
          )
        group by c.relname, k.attname
      loop
        execute format('create index %I on %I (council_id, %I)', left(target.tab || '_' || target.col, 63), target.tab, target.col);
      end loop;
    end
    $$
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
