import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Declarations of interest at meetings, and dispensations (Localism Act 2011 ss.31–33).
 *
 * - A dispensation is asked for in writing to the proper officer (s.33(1)): the ground of
 *   s.33(2), what it would cover (speaking, voting or both), the matters and agenda items it
 *   is for, and the period asked. The decision is recorded on the same row: granted or
 *   refused, by resolution of the council (a recorded resolution, or a free reference) or by
 *   the Clerk where the council has delegated it, and, when granted, the period, which may
 *   not exceed four years (s.33(3)); the database holds to that too. `reminded_on` keeps the
 *   end date a reminder was sent for, so a job run twice sends one email.
 * - A declaration names a member, an agenda item and the kind of interest. Made by the
 *   member before the meeting ('before', or 'none' to confirm they have nothing to declare),
 *   or recorded by the Clerk at the meeting ('meeting'), with whether they left the room,
 *   took no part, and the dispensation relied on. A disclosable pecuniary interest declared
 *   at the meeting that is not in the register carries the day it must be registered by
 *   (s.31(3): 28 days), and the day a reminder was sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dispensations (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      ground text not null check (ground in ('a', 'b', 'c', 'd', 'e')),
      reasons text not null,
      covers text not null check (covers in ('speaking', 'voting', 'both')),
      asked_from date not null,
      asked_until date not null,
      requested_on date not null,
      requested_by uuid not null references people(id),
      status text not null default 'requested' check (status in ('requested', 'granted', 'refused')),
      decided_by_kind text check (decided_by_kind in ('council', 'clerk')),
      resolution_id uuid references resolutions(id),
      decision_reference text not null default '',
      granted_from date,
      granted_until date,
      decided_on date,
      decided_by uuid references people(id),
      reminded_on date,
      created_at timestamptz not null default now(),
      unique (id, council_id),
      check (asked_until >= asked_from),
      check ((status = 'requested') = (decided_on is null)),
      check ((status = 'granted') = (granted_from is not null and granted_until is not null)),
      check (granted_until is null or (granted_until >= granted_from and granted_until < granted_from + interval '4 years'))
    );
    create index dispensations_by_person on dispensations (council_id, person_id, status, granted_until);
    create index dispensations_requested_by on dispensations (requested_by);
    create index dispensations_resolution on dispensations (resolution_id);
    create index dispensations_decided_by on dispensations (decided_by);

    create table dispensation_matters (
      council_id uuid not null references councils(id),
      dispensation_id uuid not null,
      matter_id uuid not null,
      primary key (dispensation_id, matter_id),
      foreign key (dispensation_id, council_id) references dispensations(id, council_id) on delete cascade,
      foreign key (matter_id, council_id) references matters(id, council_id)
    );
    create index dispensation_matters_by_council on dispensation_matters (council_id, dispensation_id);
    create index dispensation_matters_matter on dispensation_matters (council_id, matter_id);

    create table dispensation_items (
      council_id uuid not null references councils(id),
      dispensation_id uuid not null,
      agenda_item_id uuid not null references agenda_items(id) on delete cascade,
      primary key (dispensation_id, agenda_item_id),
      foreign key (dispensation_id, council_id) references dispensations(id, council_id) on delete cascade
    );
    create index dispensation_items_by_council on dispensation_items (council_id, dispensation_id);
    create index dispensation_items_item on dispensation_items (agenda_item_id);

    create table meeting_declarations (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id) on delete cascade,
      agenda_item_id uuid not null references agenda_items(id) on delete cascade,
      person_id uuid not null references people(id),
      stage text not null check (stage in ('before', 'meeting')),
      kind text not null check (kind in ('pecuniary', 'other_registrable', 'non_registrable', 'none')),
      details text not null default '',
      left_room boolean not null default false,
      took_no_part boolean not null default false,
      dispensation_id uuid,
      register_by date,
      chase_sent_on date,
      recorded_by uuid not null references people(id),
      created_at timestamptz not null default now(),
      unique (agenda_item_id, person_id, stage),
      check (stage = 'meeting' or dispensation_id is null),
      check (kind <> 'none' or stage = 'before'),
      foreign key (dispensation_id, council_id) references dispensations(id, council_id)
    );
    create index meeting_declarations_by_meeting on meeting_declarations (council_id, meeting_id, stage);
    create index meeting_declarations_item on meeting_declarations (agenda_item_id);
    create index meeting_declarations_person on meeting_declarations (person_id);
    create index meeting_declarations_meeting on meeting_declarations (meeting_id);
    create index meeting_declarations_recorded_by on meeting_declarations (recorded_by);
    create index meeting_declarations_dispensation on meeting_declarations (council_id, dispensation_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['dispensations', 'dispensation_matters', 'dispensation_items', 'meeting_declarations'];
