import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Councillors' enquiries and complaints to the council's officers, each with a reference
 * (ENQ-2026-0001, numbered per council and year), a target date in working days, and a
 * thread of messages. `answered_at` is the first answer: response times count to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table enquiries (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      reference text not null,
      ref_year integer not null,
      ref_number integer not null,
      councillor_id uuid not null references people(id),
      subject text not null,
      body text not null,
      kind text not null default 'enquiry' check (kind in ('enquiry', 'complaint')),
      status text not null default 'open' check (status in ('open', 'answered', 'closed')),
      received_at timestamptz not null,
      due_on date not null,
      answered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (council_id, reference),
      unique (council_id, ref_year, ref_number),
      unique (id, council_id)
    );
    create index enquiries_queue on enquiries (council_id, status, due_on);
    create index enquiries_by_councillor on enquiries (council_id, councillor_id);

    create table enquiry_messages (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      enquiry_id uuid not null,
      author_id uuid not null references people(id),
      body text not null,
      created_at timestamptz not null default now(),
      foreign key (enquiry_id, council_id) references enquiries(id, council_id) on delete cascade
    );
    create index enquiry_messages_thread on enquiry_messages (enquiry_id, created_at);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['enquiries', 'enquiry_messages'];
