import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the sign-in and account-link tables (migration 0015). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SignInFailuresTable {
  id: Generated<string>;
  /** A hash of what is counted: a council's account, or an address. */
  key: string;
  failed_at: Timestamp;
}

export type AccountLinkPurpose = 'invitation' | 'reset';

export interface AccountLinksTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  purpose: AccountLinkPurpose;
  /** SHA-256 of the link's token; the token itself is only ever in the email. */
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AccountTables {
  sign_in_failures: SignInFailuresTable;
  account_links: AccountLinksTable;
}
