import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Documents, interests and confidential papers (SPEC R5–R7).
 *
 * File bytes live in the database (`document_files`, bytea) under the same row-level
 * security as everything else, so tenant isolation and transactions cover them and no
 * document is ever on a static path (docs/decisions/0005-documents.md).
 *
 * Links between these tables carry `council_id` in their foreign keys, so a row can only
 * ever point at a row of its own council, whatever the application does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table matters (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      title text not null,
      kind text not null check (kind in ('planning', 'contract', 'staffing', 'land', 'finance', 'other')),
      reference text not null default '',
      created_at timestamptz not null default now(),
      unique (council_id, title),
      unique (id, council_id)
    );

    create table documents (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      title text not null,
      description text not null default '',
      classification text not null check (classification in ('public', 'internal', 'confidential')),
      file_name text not null check (file_name !~ '[/\\\\[:cntrl:]]' and file_name not in ('', '.', '..')),
      media_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 text not null,
      -- Meeting papers: the body (null = the full council), the meeting and the item.
      committee_id uuid references committees(id),
      meeting_reference text not null default '',
      agenda_item text not null default '',
      uploaded_by uuid not null references people(id),
      created_at timestamptz not null default now(),
      unique (id, council_id)
    );
    create index documents_meeting on documents (council_id, committee_id, meeting_reference);

    create table document_files (
      document_id uuid primary key,
      council_id uuid not null references councils(id),
      bytes bytea not null,
      foreign key (document_id, council_id) references documents(id, council_id) on delete cascade
    );

    create table document_matters (
      council_id uuid not null references councils(id),
      document_id uuid not null,
      matter_id uuid not null,
      primary key (document_id, matter_id),
      foreign key (document_id, council_id) references documents(id, council_id) on delete cascade,
      foreign key (matter_id, council_id) references matters(id, council_id)
    );
    create index document_matters_matter on document_matters (matter_id);

    create table confidential_recipients (
      council_id uuid not null references councils(id),
      document_id uuid not null,
      person_id uuid not null references people(id),
      issued_by uuid not null references people(id),
      issued_at timestamptz not null default now(),
      primary key (document_id, person_id),
      foreign key (document_id, council_id) references documents(id, council_id) on delete cascade
    );

    create table interests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('pecuniary', 'other')),
      category text not null check (category in ('employment', 'sponsorship', 'contracts', 'land', 'licences', 'corporate_tenancies', 'securities', 'other_registrable')),
      -- A disclosable pecuniary interest may be the councillor's own or their spouse's, civil partner's or cohabitee's.
      holder text not null check (holder in ('self', 'partner')),
      description text not null default '',
      -- A sensitive interest (Localism Act 2011 s.32) is kept without details.
      sensitive boolean not null default false,
      registered_on date not null,
      ended_on date,
      -- An update is a new row; the row it replaces is kept, dated.
      supersedes uuid,
      superseded_on date,
      recorded_by uuid not null references people(id),
      created_at timestamptz not null default now(),
      unique (id, council_id),
      foreign key (supersedes, council_id) references interests(id, council_id),
      check ((kind = 'pecuniary') = (category <> 'other_registrable')),
      check (not sensitive or description = ''),
      check (sensitive or description <> '')
    );
    create index interests_person on interests (person_id);

    create table interest_matters (
      council_id uuid not null references councils(id),
      interest_id uuid not null,
      matter_id uuid not null,
      primary key (interest_id, matter_id),
      foreign key (interest_id, council_id) references interests(id, council_id) on delete cascade,
      foreign key (matter_id, council_id) references matters(id, council_id)
    );

    create table officer_interests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      description text not null check (description <> ''),
      matter_id uuid,
      declared_on date not null,
      created_at timestamptz not null default now(),
      foreign key (matter_id, council_id) references matters(id, council_id)
    );
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

/** Tables holding a council's data. */
export const TENANT_TABLES = [
  'matters',
  'documents',
  'document_files',
  'document_matters',
  'confidential_recipients',
  'interests',
  'interest_matters',
  'officer_interests',
] as const;
