import { sql, type Kysely } from 'kysely';

/**
 * The foundation: councils and their people, bodies and contacts; the adopted protocol;
 * sessions; officer tasks; and the append-only, hash-chained audit log.
 *
 * Tenant isolation is in the database. Every table holding a council's data has a
 * `council_id` and row-level security FORCEd on it. Requests run as `concord_app`, a
 * role that neither owns the tables nor is a superuser, with `app.council_id` set for
 * the transaction (see `src/db/database.ts`). Work that spans councils (migrations,
 * `concord init`, `audit verify`) runs as the connecting user through `concord_system`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'concord_app') then
        create role concord_app nologin;
      end if;
      if not exists (select 1 from pg_roles where rolname = 'concord_system') then
        create role concord_system nologin;
      end if;
    end $$;
  `.execute(db);
  // The connecting user switches to the application role for each request, and takes
  // system access through membership of concord_system.
  await sql`grant concord_app to current_user`.execute(db).catch(ignoreAlreadyMember);
  await sql`grant concord_system to current_user`.execute(db).catch(ignoreAlreadyMember);

  await sql`
    create function current_council() returns uuid language sql stable as
      $$ select nullif(current_setting('app.council_id', true), '')::uuid $$;

    create table councils (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      kind text not null check (kind in ('town', 'parish', 'community')),
      nation text not null check (nation in ('england', 'wales')),
      principal_authority text not null default '',
      template_key text not null,
      terminology jsonb not null,
      settings jsonb not null,
      hostnames text[] not null default '{}',
      -- A demonstration council: its sign-in page lists the example accounts.
      is_demo boolean not null default false,
      created_at timestamptz not null default now()
    );

    create table people (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      name text not null,
      email text not null,
      password_hash text,
      role text not null check (role in ('clerk', 'officer', 'councillor')),
      job_title text not null default '',
      council_office text check (council_office in ('chair', 'vice_chair')),
      is_rfo boolean not null default false,
      term_starts date,
      term_ends date,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      check (role = 'councillor' or council_office is null),
      check (role = 'councillor' or (term_starts is null and term_ends is null)),
      check (term_ends is null or term_starts is null or term_ends >= term_starts)
    );
    create unique index people_email_per_council on people (council_id, lower(email));
    -- One Clerk per council: the proper officer.
    create unique index one_clerk_per_council on people (council_id) where role = 'clerk' and active;

    create table committees (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      name text not null,
      terms_of_reference text not null default '',
      delegated_powers text not null default '',
      holds_personnel boolean not null default false,
      holds_finance boolean not null default false,
      chair_id uuid references people(id),
      vice_chair_id uuid references people(id),
      created_at timestamptz not null default now(),
      unique (council_id, name)
    );

    create table committee_members (
      council_id uuid not null references councils(id),
      committee_id uuid not null references committees(id) on delete cascade,
      person_id uuid not null references people(id),
      primary key (committee_id, person_id)
    );

    create table political_groups (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      name text not null,
      leader_id uuid references people(id),
      created_at timestamptz not null default now(),
      unique (council_id, name)
    );

    create table group_members (
      council_id uuid not null references councils(id),
      group_id uuid not null references political_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      primary key (group_id, person_id)
    );
    -- A councillor belongs to at most one political group.
    create unique index one_group_per_person on group_members (council_id, person_id);

    create table external_contacts (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      kind text not null check (kind in ('monitoring_officer', 'independent_person', 'county_association', 'ombudsman', 'other')),
      name text not null,
      organisation text not null default '',
      email text not null default '',
      phone text not null default '',
      created_at timestamptz not null default now()
    );

    create table protocol_versions (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      version text not null,
      title text not null,
      approved_on date,
      approved_by text not null default '',
      summary text not null default '',
      is_current boolean not null default false,
      created_at timestamptz not null default now(),
      unique (council_id, version)
    );
    create unique index one_current_protocol on protocol_versions (council_id) where is_current;

    create table protocol_clauses (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      version_id uuid not null references protocol_versions(id) on delete cascade,
      position integer not null,
      number text not null,
      heading text not null,
      body text not null,
      summary text not null,
      kind text not null check (kind in ('enforced', 'routed', 'recorded', 'guidance')),
      rules text[] not null default '{}',
      unique (version_id, number),
      unique (version_id, position)
    );

    create table sessions (
      id text primary key,
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_person on sessions (person_id);

    create table officer_tasks (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      reference serial,
      title text not null,
      details text not null default '',
      decision_reference text not null,
      assigned_to uuid not null references people(id),
      created_by uuid not null references people(id),
      due_on date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'done')),
      created_at timestamptz not null default now()
    );

    create table audit_log (
      id bigserial primary key,
      council_id uuid not null references councils(id),
      seq bigint not null,
      at timestamptz not null default clock_timestamp(),
      actor_id uuid,
      action text not null,
      entity_type text not null,
      entity_id text,
      data jsonb not null default '{}',
      prev_hash text not null,
      hash text not null,
      unique (council_id, seq)
    );
  `.execute(db);

  // The audit chain is built by the database, so no path into the table can skip it:
  // each row's hash covers its content and the previous row's hash in the same council.
  await sql`
    create function audit_row_hash(r audit_log) returns text language sql immutable as $$
      select encode(sha256(convert_to(concat_ws('|',
        r.prev_hash, r.council_id::text, r.seq::text,
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(r.actor_id::text, ''), r.action, r.entity_type, coalesce(r.entity_id, ''),
        r.data::text), 'UTF8')), 'hex')
    $$;

    create function audit_chain() returns trigger language plpgsql as $$
    declare
      last audit_log;
    begin
      -- Serialise writers per council so two transactions cannot take the same place.
      perform pg_advisory_xact_lock(hashtextextended('audit:' || new.council_id::text, 0));
      select * into last from audit_log where council_id = new.council_id order by seq desc limit 1;
      new.seq := coalesce(last.seq, 0) + 1;
      new.prev_hash := coalesce(last.hash, repeat('0', 64));
      new.at := clock_timestamp();
      new.hash := audit_row_hash(new);
      return new;
    end $$;

    create trigger audit_chain before insert on audit_log
      for each row execute function audit_chain();

    create function audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
    end $$;

    create trigger audit_no_update before update or delete on audit_log
      for each row execute function audit_append_only();
    create trigger audit_no_truncate before truncate on audit_log
      for each statement execute function audit_append_only();
  `.execute(db);

  for (const table of TENANT_TABLES) {
    await enableTenantIsolation(db, table);
  }
  // A council sees its own row; resolving a council by host or path is system work.
  await sql`
    alter table councils enable row level security;
    alter table councils force row level security;
    create policy tenant_isolation on councils to concord_app
      using (id = current_council()) with check (id = current_council());
    create policy system_access on councils to concord_system using (true) with check (true);
    grant select, update on councils to concord_app;
  `.execute(db);
  // The application may read and add to the audit log, never change it.
  await sql`revoke update, delete, truncate on audit_log from concord_app`.execute(db);
  await sql`grant usage on all sequences in schema public to concord_app`.execute(db);
  await sql`grant execute on function current_council(), audit_row_hash(audit_log) to concord_app`.execute(db);
}

/** Tables holding a council's data. A test checks every table with a council_id is one of them. */
export const TENANT_TABLES = [
  'people',
  'committees',
  'committee_members',
  'political_groups',
  'group_members',
  'external_contacts',
  'protocol_versions',
  'protocol_clauses',
  'sessions',
  'officer_tasks',
  'audit_log',
] as const;

export async function enableTenantIsolation(db: Kysely<unknown>, table: string): Promise<void> {
  const t = sql.table(table);
  await sql`alter table ${t} enable row level security`.execute(db);
  await sql`alter table ${t} force row level security`.execute(db);
  await sql`create policy tenant_isolation on ${t} to concord_app
    using (council_id = current_council()) with check (council_id = current_council())`.execute(db);
  await sql`create policy system_access on ${t} to concord_system using (true) with check (true)`.execute(db);
  if (table === 'audit_log') {
    await sql`grant select, insert on ${t} to concord_app`.execute(db);
  } else {
    await sql`grant select, insert, update, delete on ${t} to concord_app`.execute(db);
  }
}

function ignoreAlreadyMember(error: unknown): void {
  // PostgreSQL 15 warns rather than fails on a repeated grant; PGlite (18) may raise.
  const message = error instanceof Error ? error.message : String(error);
  if (!/already (a )?member|is already/i.test(message)) throw error;
}
