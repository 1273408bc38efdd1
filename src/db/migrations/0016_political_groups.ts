import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Political groups and officers' professional advice (SPEC R8, R17).
 *
 * - `group_requests`: a group's request for a briefing, a written report or an officer's
 *   attendance, in the Clerk's queue; declined as the officer's right (with the clause that
 *   gives it), or accepted with who does the work and by when.
 * - `group_reports`: a report or advice given to one group, in its fixed shape (facts, and an
 *   appraisal of the options: there is no column for a recommendation), kept as issued.
 * - `group_notices`: the notice every other group gets when one is given a report, one per
 *   report and group.
 * - `officer_reports`, `officer_report_versions`, `officer_report_views`: an officer's report to
 *   the council or a committee with the officer's recommendation, its versions, and
 *   councillors' views recorded beside it.
 * - `protocol_clauses.addresses`: whom a clause speaks to (chairs, group leaders …), so that
 *   a refusal cites first the clause that addresses the person refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table political_groups add constraint political_groups_id_council unique (id, council_id);

    create table group_requests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      group_id uuid not null,
      requested_by uuid not null references people(id),
      kind text not null check (kind in ('briefing', 'written_report', 'attendance')),
      subject text not null,
      details text not null default '',
      meeting_on date,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
      decided_by uuid references people(id),
      decided_at timestamptz,
      decline_clause text,
      assigned_to uuid references people(id),
      due_on date,
      created_at timestamptz not null,
      unique (id, council_id),
      foreign key (group_id, council_id) references political_groups(id, council_id) on delete cascade,
      check (status <> 'accepted' or (assigned_to is not null and due_on is not null)),
      check (status = 'pending' or (decided_by is not null and decided_at is not null))
    );
    create index group_requests_queue on group_requests (council_id, status, created_at);

    create table group_reports (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      group_id uuid not null,
      request_id uuid references group_requests(id),
      author_id uuid not null references people(id),
      kind text not null check (kind in ('report', 'advice')),
      subject text not null,
      facts text not null,
      options text not null,
      neutrality_confirmed boolean not null check (neutrality_confirmed),
      shared_in_full boolean not null,
      issued_at timestamptz not null,
      unique (id, council_id),
      foreign key (group_id, council_id) references political_groups(id, council_id) on delete cascade
    );
    create index group_reports_by_group on group_reports (council_id, group_id, issued_at);

    -- What was issued stays as issued.
    create function group_reports_kept_as_issued() returns trigger language plpgsql as $$
    begin
      raise exception 'a report to a political group is kept as issued';
    end $$;
    create trigger group_reports_kept_as_issued before update on group_reports
      for each row execute function group_reports_kept_as_issued();

    create table group_notices (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      report_id uuid not null,
      group_id uuid not null,
      created_at timestamptz not null,
      unique (report_id, group_id),
      foreign key (report_id, council_id) references group_reports(id, council_id) on delete cascade,
      foreign key (group_id, council_id) references political_groups(id, council_id) on delete cascade
    );
    create index group_notices_by_group on group_notices (council_id, group_id, created_at);

    create table officer_reports (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      author_id uuid not null references people(id),
      agenda_item_id uuid references agenda_items(id) on delete set null,
      title text not null,
      body text not null,
      recommendation text not null,
      version integer not null default 1,
      issued_at timestamptz not null,
      updated_at timestamptz not null,
      unique (id, council_id)
    );

    create table officer_report_versions (
      council_id uuid not null references councils(id),
      report_id uuid not null,
      version integer not null,
      title text not null,
      body text not null,
      recommendation text not null,
      changed_by uuid not null references people(id),
      changed_at timestamptz not null,
      primary key (report_id, version),
      foreign key (report_id, council_id) references officer_reports(id, council_id) on delete cascade
    );

    create table officer_report_views (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      report_id uuid not null,
      councillor_id uuid not null references people(id),
      body text not null,
      created_at timestamptz not null,
      foreign key (report_id, council_id) references officer_reports(id, council_id) on delete cascade
    );
    create index officer_report_views_by_report on officer_report_views (council_id, report_id, created_at);

    alter table protocol_clauses add column addresses text[] not null default '{}';
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);

  // Councils made before clauses said whom they address: the clauses of their templates that
  // speak to particular people, as the templates say it today.
  for (const [template, clauses] of Object.entries(ADDRESSES)) {
    for (const [number, addresses] of Object.entries(clauses)) {
      await sql`
        update protocol_clauses c set addresses = ${addresses}::text[]
        from councils k
        where k.id = c.council_id and k.template_key = ${template} and c.number = ${number} and c.addresses = '{}'
      `.execute(db);
    }
  }
}

/** Whom each clause that speaks to particular people addresses, by template (src/protocol/templates). */
const ADDRESSES: Record<string, Record<string, string[]>> = {
  brackley: { '5.1': ['chair'], '9.2': ['councillor', 'leader'] },
  ledbury: { '4.2': ['councillor', 'leader'] },
  crickhowell: { '2.3': ['chair'] },
  mumbles: { P9: ['chair'] },
  model: { '7': ['councillor', 'leader'], '11': ['chair'] },
};

export const TENANT_TABLES: readonly string[] = ['group_requests', 'group_reports', 'group_notices', 'officer_reports', 'officer_report_versions', 'officer_report_views'];
