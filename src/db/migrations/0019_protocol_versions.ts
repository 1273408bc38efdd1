import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * The protocol's own life (SPEC R16): a version is drafted by the Clerk and comes into force
 * only once a resolution of the council approves it, on the day the council chose; the
 * approval record keeps the resolution, and the review date set with it. Every councillor and
 * officer acknowledges the version in force.
 *
 * Versions made before this migration were adopted already: they are approved, in force from
 * the day they were approved. Rules follow the version in force on the day of each request,
 * so `in_force_from` (not `is_current`, which marks the latest approved version) decides it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table protocol_versions
      add column status text not null default 'approved' check (status in ('draft', 'approved')),
      add column in_force_from date,
      add column resolution_id uuid references resolutions(id),
      add column review_due_on date,
      add column reviewed_on date,
      add column drafted_by uuid references people(id),
      add column based_on uuid references protocol_versions(id),
      add constraint approved_versions_have_a_date check (status = 'draft' or approved_on is not null or in_force_from is null);
    update protocol_versions set in_force_from = approved_on where in_force_from is null;
    create unique index one_draft_protocol on protocol_versions (council_id) where status = 'draft';
    create index protocol_versions_in_force on protocol_versions (council_id, in_force_from) where status = 'approved';

    create table protocol_acknowledgements (
      council_id uuid not null references councils(id),
      version_id uuid not null references protocol_versions(id) on delete cascade,
      person_id uuid not null references people(id),
      acknowledged_at timestamptz not null,
      primary key (version_id, person_id)
    );
    create index protocol_acknowledgements_by_person on protocol_acknowledgements (council_id, person_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['protocol_acknowledgements'];
