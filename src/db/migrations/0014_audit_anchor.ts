import { sql, type Kysely } from 'kysely';

/**
 * The audit log's anchor outside the database (docs/decisions/0009), and a login that cannot
 * become the owner.
 *
 * - `mac`: each entry's seal, an HMAC that Concord computes with a key the database never
 *   holds. Concord numbers the entry and stamps its time before sealing it; the trigger now
 *   checks that number instead of choosing it, refuses an entry without a seal, and still
 *   builds the SHA-256 chain. Entries written before this migration have no seal: they stay
 *   checked by that chain, and the first sealed entry covers the last of them.
 * - `concord_app_login`: the role the application's requests log in as (or a login role made
 *   a member of it). It inherits nothing, so RESET ROLE leaves it with no rights at all; it
 *   may only SET ROLE concord_app (one council) or concord_system (finding a request's
 *   council, claiming jobs), neither of which owns anything or may change the audit log.
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

  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'concord_app_login') then
        create role concord_app_login nologin noinherit;
      end if;
      if not exists (select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
                     where g.rolname = 'concord_app' and r.rolname = 'concord_app_login') then
        grant concord_app to concord_app_login;
      end if;
      if not exists (select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
                     where g.rolname = 'concord_system' and r.rolname = 'concord_app_login') then
        grant concord_system to concord_app_login;
      end if;
    end $$;
  `.execute(db);
  // What the application does across councils while it serves: find a request's council,
  // claim due jobs. Work that creates councils or checks the audit log runs as the owner.
  await sql`
    grant select on councils to concord_system;
    grant select, update on jobs to concord_system;
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
