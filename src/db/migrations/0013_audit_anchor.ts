import { sql, type Kysely } from 'kysely';

/**
 * The audit log's anchor outside the database (docs/decisions/0009).
 *
 * - `mac`: each entry's seal, an HMAC that Concord computes with a key the database never
 *   holds. Concord numbers the entry and stamps its time before sealing it; the trigger now
 *   checks that number instead of choosing it, refuses an entry without a seal, and still
 *   builds the SHA-256 chain. Entries written before this migration have no seal: they stay
 *   checked by that chain, and the first sealed entry covers the last of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log add column mac text;

    create or replace function audit_chain() returns trigger language plpgsql as $$
    declare
      last audit_log;
    begin
      -- Serialise writers per council; Concord took this lock before reading the last seal.
      perform pg_advisory_xact_lock(hashtextextended('audit:' || new.council_id::text, 0));
      select * into last from audit_log where council_id = new.council_id order by seq desc limit 1;
      if new.mac is null then
        raise exception 'an audit entry must carry its seal' using errcode = 'check_violation';
      end if;
      if new.seq is distinct from coalesce(last.seq, 0) + 1 then
        raise exception 'audit entry % comes after entry %', new.seq, coalesce(last.seq, 0) using errcode = 'check_violation';
      end if;
      new.prev_hash := coalesce(last.hash, repeat('0', 64));
      new.hash := audit_row_hash(new);
      return new;
    end $$;
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
