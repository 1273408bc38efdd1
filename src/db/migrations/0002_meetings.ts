import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Meetings of the council and its committees: agendas of numbered items, councillors'
 * agenda requests (numbered in the order received), papers, the chair's comments on draft
 * agendas, the summons and its messages, minutes; a council's own days of mourning; and
 * each person's calendar feed token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mourning_days (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      day date not null,
      name text not null,
      created_at timestamptz not null default now(),
      unique (council_id, day)
    );

    create table meetings (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      -- null: a meeting of the full council.
      committee_id uuid references committees(id),
      kind text not null check (kind in ('ordinary', 'extraordinary')),
      meeting_date date not null,
      starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      venue text not null,
      created_by uuid references people(id),
      created_at timestamptz not null default now(),
      summons_issued_on date,
      summons_issued_at timestamptz,
      summons_issue_count integer not null default 0,
      -- The agenda was changed after issue: it must be issued again, within the limit.
      agenda_changed_since_issue boolean not null default false,
      minutes_status text not null default 'none' check (minutes_status in ('none', 'draft', 'approved')),
      minutes_approved_at uuid references meetings(id),
      minutes_approved_on date
    );
    create index meetings_by_date on meetings (council_id, meeting_date);

    create table agenda_requests (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      -- In the order received, per council (standing orders: motions numbered as received).
      number integer not null,
      meeting_id uuid not null references meetings(id),
      requested_by uuid not null references people(id),
      recorded_by uuid not null references people(id),
      title text not null,
      details text not null default '',
      received_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
      urgent_reason text,
      decided_by uuid references people(id),
      decided_at timestamptz,
      decision_reason text not null default '',
      unique (council_id, number),
      check (status <> 'rejected' or decision_reason <> '')
    );

    create table agenda_items (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id) on delete cascade,
      position integer not null,
      title text not null,
      details text not null default '',
      -- Press and public excluded by resolution (Public Bodies (Admission to Meetings) Act 1960 s.1(2)).
      confidential boolean not null default false,
      confidential_reason text not null default '',
      request_id uuid references agenda_requests(id),
      minute text not null default '',
      unique (meeting_id, position),
      check (not confidential or confidential_reason <> '')
    );

    create table agenda_papers (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id) on delete cascade,
      agenda_item_id uuid references agenda_items(id) on delete cascade,
      request_id uuid references agenda_requests(id),
      title text not null,
      body text not null,
      created_by uuid not null references people(id),
      created_at timestamptz not null default now()
    );

    create table agenda_comments (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id) on delete cascade,
      author_id uuid not null references people(id),
      body text not null,
      created_at timestamptz not null default now()
    );

    create table outbox_messages (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      recipient_id uuid references people(id),
      recipient_email text not null,
      -- email: sent electronically; post: printed and delivered by the Clerk.
      channel text not null check (channel in ('email', 'post')),
      subject text not null,
      body text not null,
      meeting_id uuid references meetings(id),
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );

    create table summons_preferences (
      council_id uuid not null references councils(id),
      person_id uuid primary key references people(id),
      electronic boolean not null,
      updated_at timestamptz not null default now()
    );

    create table calendar_feeds (
      council_id uuid not null references councils(id),
      person_id uuid primary key references people(id),
      token_hash text not null unique,
      created_at timestamptz not null default now()
    );
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES = [
  'mourning_days',
  'meetings',
  'agenda_requests',
  'agenda_items',
  'agenda_papers',
  'agenda_comments',
  'outbox_messages',
  'summons_preferences',
  'calendar_feeds',
] as const;
