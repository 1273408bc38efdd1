import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Decisions as the only instructions. A resolution is recorded against the meeting that
 * made it (and the agenda item, where there is one); an officer's task (an "action") now
 * comes from a resolution, and its officer keeps progress notes on it. A chair's record of
 * the actions a meeting agreed is a request: the Clerk confirms it against the minutes,
 * and only then does it become an action.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resolutions (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id),
      agenda_item_id uuid references agenda_items(id),
      minute_number text not null,
      text text not null,
      recorded_by uuid not null references people(id),
      recorded_at timestamptz not null default now(),
      unique (council_id, minute_number),
      unique (id, council_id)
    );
    create index resolutions_by_meeting on resolutions (council_id, meeting_id);

    alter table officer_tasks add column resolution_id uuid references resolutions(id);
    alter table officer_tasks add column done_at timestamptz;
    create index officer_tasks_by_resolution on officer_tasks (council_id, resolution_id);

    create table task_notes (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      task_id uuid not null references officer_tasks(id) on delete cascade,
      author_id uuid not null references people(id),
      body text not null,
      status_after text not null check (status_after in ('open', 'in_progress', 'done')),
      created_at timestamptz not null default now()
    );
    create index task_notes_by_task on task_notes (task_id, created_at);

    create table agreed_actions (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id),
      recorded_by uuid not null references people(id),
      description text not null,
      recorded_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'declined')),
      decided_by uuid references people(id),
      decided_at timestamptz,
      decision_reason text not null default '',
      resolution_id uuid references resolutions(id),
      task_id uuid references officer_tasks(id)
    );
    create index agreed_actions_by_meeting on agreed_actions (council_id, meeting_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['resolutions', 'task_notes', 'agreed_actions'];
