import { sql, type Kysely } from 'kysely';

/**
 * Every process serving Concord keeps the councils (by slug and host) and each council's clause
 * index in memory. A change that would make those stale, by whichever process or tool commits
 * it, tells every process through `pg_notify('concord_changes', …)`: a council added, renamed,
 * given a host name or removed, and a protocol version drafted, adopted or discarded. PostgreSQL
 * delivers a notification only when its transaction commits, and once however many rows of one
 * transaction send the same words. The words are `{"table": …, "council": …}` (src/db/changes.ts).
 * pg_notify is open to every role, so the application's roles need no grant to change these tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function concord_notify_change() returns trigger language plpgsql as $$
    declare
      changed jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
    begin
      -- The trigger's argument names the column holding the council's id.
      perform pg_notify('concord_changes', json_build_object('table', tg_table_name, 'council', changed ->> tg_argv[0])::text);
      return null;
    end $$;

    create trigger councils_changed after insert or update or delete on councils
      for each row execute function concord_notify_change('id');

    -- Drafting a version (its clauses, its title) changes no index; what decides the clauses in
    -- force is which versions are approved, current, and from when.
    create trigger protocol_versions_changed after insert or delete or update of status, is_current, approved_on, in_force_from on protocol_versions
      for each row execute function concord_notify_change('council_id');
  `.execute(db);
}

export const TENANT_TABLES: readonly string[] = [];
