import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Durable jobs: emails to deliver, reminders, held messages and escalations. A job is
 * written in the same transaction as the change that calls for it, so it exists exactly
 * when that change committed. Runners claim due jobs with `FOR UPDATE SKIP LOCKED`, so
 * two Concord processes on one server never run the same job at once (decision 0006).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      kind text not null,
      payload jsonb not null default '{}',
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5 check (max_attempts >= 1),
      -- Claimed by a runner until then; a runner that died lets it go when this passes.
      locked_until timestamptz,
      done_at timestamptz,
      last_error text,
      created_at timestamptz not null default now()
    );
    create index jobs_due on jobs (run_at) where done_at is null;
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES = ['jobs'] as const;
