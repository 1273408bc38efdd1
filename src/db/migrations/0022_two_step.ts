import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Two-step sign-in: a code from an authenticator app after the password (SPEC's "trust" work).
 *
 * - `two_step_secrets`: a person's TOTP secret, pending until they confirm it with a code, on
 *   from then. The secret is kept as it is, not hashed: every sign-in computes the expected
 *   code from it, so it must be readable. It is shown to its owner once, while they set it up,
 *   and never again; `last_step` is the last 30-second step a code was accepted for, so a code
 *   seen over someone's shoulder cannot be used a second time.
 * - `two_step_recovery_codes`: the ten single-use codes given when it is turned on, for a lost
 *   device. Only a SHA-256 of each (high-entropy, random) code is kept.
 * - `two_step_challenges`: a sign-in whose password was right, waiting for its code. Its token
 *   lives in a short-lived cookie; the table keeps the hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table two_step_secrets (
      person_id uuid primary key references people(id),
      council_id uuid not null references councils(id),
      secret text not null,
      enabled_at timestamptz,
      last_step bigint,
      created_at timestamptz not null default now()
    );

    create table two_step_recovery_codes (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      code_hash text not null,
      used_at timestamptz
    );
    create index two_step_recovery_codes_person on two_step_recovery_codes (council_id, person_id);

    create table two_step_challenges (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      person_id uuid not null references people(id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index two_step_challenges_person on two_step_challenges (council_id, person_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES = ['two_step_secrets', 'two_step_recovery_codes', 'two_step_challenges'] as const;
