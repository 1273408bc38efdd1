import { sql, type Kysely } from 'kysely';

/**
 * A letter keeps where it went: the outbox keeps the name and postal address a letter was
 * posted to, so a member who moves, or changes their name, after the summons went in the post
 * does not rewrite the record of where it went.
 *
 * - `outbox_messages.recipient_name`, `recipient_postal_address`: the member's name and
 *   address (lines separated by newlines) as they were when the Clerk recorded the letter as
 *   posted; null until then, and on an email. Until it is posted, a letter (printed, listed, in
 *   the outbox) goes to the member's name and address as they are now.
 *
 * Letters posted before this migration have neither, and are shown with the member's name
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
