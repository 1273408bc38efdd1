import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the two-step sign-in tables (migration 0022). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TwoStepSecretsTable {
  person_id: string;
  council_id: string;
  /** Base32 TOTP secret: readable, as each sign-in computes the expected code from it. */
  secret: string;
  /** When the person confirmed it with a code; null while it is being set up. */
  enabled_at: NullableTimestamp;
  /** The last 30-second step a code was accepted for: no code works twice. */
  last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  created_at: Generated<Timestamp>;
}

export interface TwoStepRecoveryCodesTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  /** SHA-256 of the code; the code itself was shown once. */
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface TwoStepChallengesTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface TwoStepTables {
  two_step_secrets: TwoStepSecretsTable;
  two_step_recovery_codes: TwoStepRecoveryCodesTable;
  two_step_challenges: TwoStepChallengesTable;
}
