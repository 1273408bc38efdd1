import { sql, type Kysely } from 'kysely';

/**
 * A letter is addressed once, when it is written: the outbox keeps the name and postal address
 * it was written to, so a member who moves, or changes their name, after the summons went in
 * the post does not rewrite the record of where it went.
 *
 * - `outbox_messages.recipient_name`, `recipient_postal_address`: the member's name and
 *   address (lines separated by newlines) as they were when the letter was made; null on an
 *   email. The address is null too when none was on record then: the Clerk prints the letter
 *   to the address recorded afterwards, so the outbox reads that one.
 *
 * Letters written before this migration have neither, and are shown with the member's name
 * and address as they are now, as they were before. No key or link changes: the table keeps
 * its (council_id, id) key and its row-level security.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox_messages add column recipient_name text;
    alter table outbox_messages add column recipient_postal_address text;
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
