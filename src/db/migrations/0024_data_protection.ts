import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Data protection (SPEC R18): subject access requests and holds on records kept past their
 * retention period.
 *
 * - A subject access request names a person in Concord or, for anyone else, a name and an
 *   email; its deadline is computed by Concord (src/privacy/deadline.ts) and stored, so the
 *   list and the reminders agree with what the Clerk saw when it was recorded. An extension
 *   for a complex request records the day the person was told.
 * - Reminders already sent, one row each, so a job run twice sends one email.
 * - A hold keeps one record (by kind and id) from the nightly retention job, e.g. while a
 *   claim is pending.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subject_access_requests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid references people(id),
      requester_name text not null default '',
      requester_email text not null default '',
      received_on date not null,
      identity_checked boolean not null,
      identity_method text not null default '',
      complex_reason text not null default '',
      person_told_on date,
      deadline date not null,
      status text not null default 'open' check (status in ('open', 'sent')),
      sent_on date,
      sent_by uuid references people(id),
      recorded_by uuid not null references people(id),
      created_at timestamptz not null,
      unique (id, council_id),
      check (person_id is not null or requester_name <> ''),
      check ((status = 'sent') = (sent_on is not null))
    );
    create index subject_access_open on subject_access_requests (council_id, status, deadline);

    create table subject_access_reminders (
      council_id uuid not null references councils(id),
      request_id uuid not null,
      kind text not null check (kind in ('week_before', 'due')),
      deadline date not null,
      sent_at timestamptz not null,
      primary key (request_id, kind, deadline),
      foreign key (request_id, council_id) references subject_access_requests(id, council_id) on delete cascade
    );

    create table retention_holds (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      record_kind text not null,
      record_id uuid not null,
      reason text not null,
      placed_by uuid not null references people(id),
      placed_at timestamptz not null,
      unique (council_id, record_kind, record_id)
    );
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['subject_access_requests', 'subject_access_reminders', 'retention_holds'];
