import { sql, type Kysely } from 'kysely';

/**
 * Follow-ups on councillors' enquiries (SPEC R3): when the officers were reminded that an
 * enquiry falls due, and when an overdue one was escalated to the Clerk. The reminder and
 * escalation jobs check these in a locked row, so a job run twice sends one email.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table enquiries
      add column reminded_at timestamptz,
      add column escalated_at timestamptz;
    create index enquiries_escalated on enquiries (council_id, escalated_at) where escalated_at is not null;
  `.execute(db);
}

/** No new tables: the columns are on `enquiries`, already isolated by 0006. */
export const TENANT_TABLES: readonly string[] = [];
