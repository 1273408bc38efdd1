import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Messages to the council's staff through Concord, the official channel (SPEC R9): to the
 * office (the Clerk) when `recipient_id` is null, or to a named officer. A message written
 * outside office hours is `held` until `deliver_at`, the next opening, unless it is urgent
 * with a reason. And staff's reports of contact through a personal account, each with the
 * people it was sent to, who alone (with the reporter) may read it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_messages (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      sender_id uuid not null references people(id),
      recipient_id uuid references people(id),
      subject text not null,
      body text not null,
      urgent boolean not null default false,
      urgent_reason text,
      out_of_hours boolean not null,
      status text not null check (status in ('held', 'delivered')),
      sent_at timestamptz not null,
      deliver_at timestamptz not null,
      delivered_at timestamptz,
      read_at timestamptz,
      unique (id, council_id),
      check (not urgent or length(trim(coalesce(urgent_reason, ''))) > 0)
    );
    create index staff_messages_inbox on staff_messages (council_id, recipient_id, status, sent_at);
    create index staff_messages_sent on staff_messages (council_id, sender_id, sent_at);
    create index staff_messages_urgent on staff_messages (council_id, sent_at) where urgent and out_of_hours;

    create table contact_reports (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      reporter_id uuid not null references people(id),
      councillor_id uuid not null references people(id),
      occurred_on date not null,
      channel text not null check (channel in ('personal_email', 'personal_phone', 'messaging', 'social_media', 'in_person', 'other')),
      summary text not null,
      concerns_clerk boolean not null,
      created_at timestamptz not null,
      unique (id, council_id)
    );
    create index contact_reports_by_reporter on contact_reports (council_id, reporter_id, created_at);

    create table contact_report_recipients (
      council_id uuid not null references councils(id),
      report_id uuid not null,
      person_id uuid not null references people(id),
      primary key (report_id, person_id),
      foreign key (report_id, council_id) references contact_reports(id, council_id) on delete cascade
    );
    create index contact_report_recipients_by_person on contact_report_recipients (council_id, person_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['staff_messages', 'contact_reports', 'contact_report_recipients'];
