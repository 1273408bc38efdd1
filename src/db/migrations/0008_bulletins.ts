import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Bulletins from the council's officers to its councillors (SPEC R4), and who each went to.
 *
 * The audience is kept as it was chosen (everyone, or some committees and/or offices), with
 * the committees' names as they were then, so the archive can still say who a bulletin was
 * for after a committee is renamed or wound up. The recipients are fixed at publication:
 * one row each, whose `read_at` is the read receipt (the first time they opened it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bulletins (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      title text not null,
      body text not null,
      audience_all boolean not null,
      audience_committee_ids uuid[] not null default '{}',
      audience_committee_names text[] not null default '{}',
      audience_offices text[] not null default '{}' check (audience_offices <@ array['chair', 'vice_chair']::text[]),
      author_id uuid not null references people(id),
      published_at timestamptz not null,
      created_at timestamptz not null default now(),
      check (audience_all or cardinality(audience_committee_ids) + cardinality(audience_offices) > 0),
      unique (id, council_id)
    );
    create index bulletins_archive on bulletins (council_id, published_at desc);

    create table bulletin_recipients (
      council_id uuid not null references councils(id),
      bulletin_id uuid not null,
      person_id uuid not null references people(id),
      read_at timestamptz,
      primary key (bulletin_id, person_id),
      foreign key (bulletin_id, council_id) references bulletins(id, council_id) on delete cascade
    );
    create index bulletin_recipients_by_person on bulletin_recipients (council_id, person_id, read_at);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['bulletins', 'bulletin_recipients'];
