import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Signing in, made harder to abuse, and accounts a person sets up themselves.
 *
 * - `sign_in_failures`: one row for each failed sign-in, counted per account and per address
 *   across every process serving the deployment. It belongs to the deployment, not to a
 *   council: an address guessing passwords is counted across every council hosted together,
 *   or spraying one council after another would go unnoticed. It holds no personal data, only
 *   a hash of what is counted (a council's account, or an address) and the time.
 * - `account_links`: a council's one-time links to set a password, by invitation or to reset
 *   it. Only a hash of each link's token is kept, so a copy of the database opens no account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_failures (
      id uuid primary key default gen_random_uuid(),
      key text not null,
      failed_at timestamptz not null
    );
    create index sign_in_failures_key on sign_in_failures (key, failed_at);
    create index sign_in_failures_at on sign_in_failures (failed_at);
    grant select, insert, delete on sign_in_failures to concord_system;

    create table account_links (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      purpose text not null check (purpose in ('invitation', 'reset')),
      token_hash text not null unique,
      created_by uuid references people(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index account_links_person on account_links (council_id, person_id, purpose);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES = ['account_links'] as const;
