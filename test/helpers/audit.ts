import { sql } from 'kysely';
import { AuditKey } from '../../src/audit/keys.js';
import type { Trx } from '../../src/db/database.js';

/** The secret every test database seals its audit entries with (base64 of 32 bytes). */
export const TEST_AUDIT_SECRET = Buffer.alloc(32, 0x5a).toString('base64');

export const TEST_AUDIT_KEY = AuditKey.fromSecret(Buffer.from(TEST_AUDIT_SECRET, 'base64'));

// What an owner of the database can do to the log, for the tests that must catch it.

/** The owner switches off the triggers that keep the log append-only and chained, for one change. */
export async function withoutGuards(trx: Trx, change: () => Promise<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger user`.execute(trx);
  await change();
  await sql`alter table audit_log enable trigger user`.execute(trx);
}

/** Recompute prev_hash and hash from `fromSeq` on, with the database's own audit_row_hash. */
export async function rechain(trx: Trx, councilId: string, fromSeq: number): Promise<void> {
  const { rows } = await sql<{ id: number; seq: number }>`select id, seq from audit_log where council_id = ${councilId} and seq >= ${fromSeq} order by seq`.execute(trx);
  for (const row of rows) {
    await sql`update audit_log set prev_hash = coalesce((select hash from audit_log where council_id = ${councilId} and seq = ${row.seq - 1}), repeat('0', 64)) where id = ${row.id}`.execute(trx);
    await sql`update audit_log a set hash = audit_row_hash(a) where id = ${row.id}`.execute(trx);
  }
}

/** The check `concord audit verify` used to make: every hash by the database's function, every link in place. */
export async function databaseVouches(trx: Trx, councilId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select bool_and(ok) as ok from (
      select hash = audit_row_hash(a) and prev_hash = coalesce(lag(hash) over w, repeat('0', 64)) as ok
      from audit_log a where council_id = ${councilId} window w as (order by seq)) as checked`.execute(trx);
  return rows[0]!.ok;
}
