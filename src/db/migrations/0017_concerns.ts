import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * When things go wrong (SPEC R11, R12): concerns about a councillor, an officer or the working
 * relationship, handled by the people the council's protocol names (`concern_handlers`), with
 * the handlers' record (`concern_entries`) and the stages of the ACAS Code with their dates
 * (`concern_stages`). Nothing here is in any other list: the rule table decides who may read
 * a case, and the access log is the audit log (entity type `concern_case`).
 *
 * And the code of conduct: each person's acknowledgement of the code in force (and of the
 * Nolan principles where the protocol names them), and each complaint about a councillor's
 * conduct referred to the Monitoring Officer (England) or the Ombudsman (Wales).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table concern_cases (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      raised_by uuid not null references people(id),
      about_kind text not null check (about_kind in ('councillor', 'officer', 'relationship', 'employment')),
      about_person_id uuid references people(id),
      statement text not null,
      concerns_clerk boolean not null,
      passed_on_by uuid references people(id),
      status text not null default 'informal' check (status in ('informal', 'formal', 'closed')),
      procedure text check (procedure in ('grievance', 'disciplinary')),
      personnel_committee_id uuid references committees(id),
      outcome text,
      decided_by_resolution_id uuid,
      raised_at timestamptz not null,
      formal_at timestamptz,
      closed_at timestamptz,
      link text not null default '',
      unique (id, council_id),
      check (status <> 'formal' or procedure is not null)
    );
    create index concern_cases_raised_by on concern_cases (council_id, raised_by);

    create table concern_handlers (
      council_id uuid not null references councils(id),
      case_id uuid not null,
      person_id uuid not null references people(id),
      office text not null,
      primary key (case_id, person_id),
      foreign key (case_id, council_id) references concern_cases(id, council_id) on delete cascade
    );
    create index concern_handlers_by_person on concern_handlers (council_id, person_id);

    create table concern_entries (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      case_id uuid not null,
      kind text not null check (kind in ('conversation', 'agreed_outcome', 'mediation', 'advice', 'note')),
      contact_id uuid references external_contacts(id),
      body text not null,
      author_id uuid not null references people(id),
      occurred_on date not null,
      created_at timestamptz not null,
      foreign key (case_id, council_id) references concern_cases(id, council_id) on delete cascade
    );
    create index concern_entries_by_case on concern_entries (council_id, case_id, created_at);

    create table concern_stages (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      case_id uuid not null,
      stage text not null check (stage in ('informal_review', 'written_statement', 'meeting', 'written_outcome', 'appeal')),
      due_on date not null,
      done_on date,
      note text not null default '',
      companion text not null default '',
      panel_ids uuid[] not null default '{}',
      reminded_at timestamptz,
      unique (case_id, stage),
      foreign key (case_id, council_id) references concern_cases(id, council_id) on delete cascade
    );

    create table conduct_acknowledgements (
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      code_version text not null,
      nolan boolean not null,
      acknowledged_at timestamptz not null,
      primary key (council_id, person_id, code_version)
    );

    create table conduct_referrals (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      councillor_id uuid not null references people(id),
      complainant text not null,
      complaint text not null,
      occurred_on date not null,
      referred_to text not null check (referred_to in ('monitoring_officer', 'ombudsman')),
      contact_id uuid references external_contacts(id),
      referred_by uuid not null references people(id),
      referred_at timestamptz not null,
      unique (id, council_id)
    );
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['concern_cases', 'concern_handlers', 'concern_entries', 'concern_stages', 'conduct_acknowledgements', 'conduct_referrals'];
