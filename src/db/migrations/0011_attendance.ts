import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Who attended a meeting: each member of the body present, with apologies, or absent, and
 * the officers in attendance. Recorded by the officers once the meeting has taken place; the
 * minutes show it, and the chair's record of agreed actions is checked against it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meeting_attendance (
      council_id uuid not null references councils(id),
      meeting_id uuid not null references meetings(id) on delete cascade,
      person_id uuid not null references people(id),
      status text not null check (status in ('present', 'apologies', 'absent', 'in_attendance')),
      recorded_by uuid not null references people(id),
      recorded_at timestamptz not null default now(),
      primary key (meeting_id, person_id)
    );
    create index meeting_attendance_by_council on meeting_attendance (council_id, meeting_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['meeting_attendance'];
