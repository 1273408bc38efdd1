import { sql, type Kysely } from 'kysely';

/**
 * /metrics counts the outbox's unsent emails and letters across every council, through the
 * requests login's system role: it may read whether each message is sent and by which
 * channel, and nothing else of it (not who it is to, nor what it says).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`grant select (channel, sent_at) on outbox_messages to concord_system`.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
