import { sql, type Kysely } from 'kysely';

/**
 * The summons on paper (LGA 1972 Sch. 12): a member who has not agreed to receive it
 * electronically is sent it by post to their residence.
 *
 * - `people.postal_address`: where a person's letters go, as it is written on the envelope
 *   (lines separated by newlines); empty until the Clerk, or the person, records it.
 * - `outbox_messages.posted_on` / `posted_by`: the day the Clerk says a letter went in the post,
 *   and who said so. A letter posted is sent (`sent_at`), so the outbox no longer counts it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people add column postal_address text not null default '';
    alter table outbox_messages add column posted_on date;
    alter table outbox_messages add column posted_by uuid references people(id);
    create index outbox_messages_posted_by on outbox_messages (council_id, posted_by);
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
