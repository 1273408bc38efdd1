import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Training, equipment, staff appointments and a councillor's first 28 days (SPEC R13–R15).
 *
 * - Training the council requires of a role, each person's training records (a certificate
 *   is a document in the library), councillors' requests for training, the training plan
 *   adopted by resolution (Wales), and the reminders already sent, so a job run twice (a
 *   retry, or after a restart) sends one email.
 * - The equipment register: items, and each issue of one to a person until it is returned,
 *   with the holder's acknowledgement that it is for their council role only.
 * - Staff appointments: a vacancy created by resolution, its selection panel of named
 *   councillors, the candidates (papers are documents) and the panel's scores.
 * - The nil return (a councillor with nothing to declare says so), and the first-28-days
 *   checklist's reminders, recorded once sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_requirements (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      course text not null,
      applies_to text not null check (applies_to in ('new_councillors', 'councillors', 'officers', 'clerk')),
      within_days integer not null check (within_days between 1 and 3650),
      created_at timestamptz not null default now()
    );

    create table training_records (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      course text not null,
      provider text not null,
      completed_on date not null,
      hours numeric(5, 1) not null check (hours > 0),
      certificate_document_id uuid references documents(id),
      requirement_id uuid references training_requirements(id),
      recorded_by uuid not null references people(id),
      created_at timestamptz not null default now()
    );
    create index training_records_by_person on training_records (council_id, person_id, completed_on desc);

    create table training_requests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      course text not null,
      reason text not null default '',
      status text not null default 'open' check (status in ('open', 'arranged', 'declined')),
      created_at timestamptz not null,
      closed_at timestamptz,
      closed_by uuid references people(id)
    );

    create table training_reminders (
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      requirement_id uuid not null references training_requirements(id) on delete cascade,
      due_on date not null,
      sent_at timestamptz not null,
      primary key (person_id, requirement_id, due_on)
    );

    create table training_plans (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      resolution_id uuid not null references resolutions(id),
      adopted_on date not null,
      next_election_on date,
      content jsonb not null,
      recorded_by uuid not null references people(id),
      reminded_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table equipment_items (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      name text not null,
      asset_number text not null,
      condition text not null default '',
      created_at timestamptz not null default now(),
      unique (council_id, asset_number)
    );

    create table equipment_loans (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      item_id uuid not null references equipment_items(id),
      person_id uuid not null references people(id),
      issued_on date not null,
      issued_condition text not null default '',
      issued_by uuid not null references people(id),
      acknowledged_at timestamptz,
      returned_on date,
      returned_condition text,
      reminded_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index equipment_one_holder on equipment_loans (item_id) where returned_on is null;

    create table appointments (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      title text not null,
      resolution_id uuid not null references resolutions(id),
      status text not null default 'open' check (status in ('open', 'appointed', 'withdrawn')),
      outcome text not null default '',
      decided_on date,
      created_by uuid not null references people(id),
      created_at timestamptz not null default now()
    );

    create table appointment_panel (
      council_id uuid not null references councils(id),
      appointment_id uuid not null references appointments(id) on delete cascade,
      person_id uuid not null references people(id),
      primary key (appointment_id, person_id)
    );

    create table appointment_candidates (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      appointment_id uuid not null references appointments(id) on delete cascade,
      name text not null,
      paper_document_id uuid references documents(id),
      created_at timestamptz not null default now()
    );

    create table appointment_scores (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      candidate_id uuid not null references appointment_candidates(id) on delete cascade,
      scorer_id uuid not null references people(id),
      score integer not null check (score between 0 and 10),
      comment text not null default '',
      created_at timestamptz not null default now()
    );

    create table interest_nil_returns (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      returned_on date not null,
      recorded_by uuid not null references people(id),
      created_at timestamptz not null default now()
    );
    create index interest_nil_returns_by_person on interest_nil_returns (council_id, person_id, returned_on desc);

    create table induction_reminders (
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      item text not null,
      due_on date not null,
      sent_at timestamptz not null,
      primary key (person_id, item, due_on)
    );
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = [
  'training_requirements',
  'training_records',
  'training_requests',
  'training_reminders',
  'training_plans',
  'equipment_items',
  'equipment_loans',
  'appointments',
  'appointment_panel',
  'appointment_candidates',
  'appointment_scores',
  'interest_nil_returns',
  'induction_reminders',
];
