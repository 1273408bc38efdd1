import { sql } from 'kysely';
import type { Database, Trx } from '../db/database.js';

export interface AuditEntry {
  councilId: string;
  actorId: string | null;
  /** What happened, as a verb phrase id: "person.created", "access.refused". */
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Append to the council's audit log, in the same transaction as the change it records:
 * if the change is rolled back, so is its record. The database fills in the sequence
 * number and the hash chain (see the foundation migration).
 */
export async function audit(trx: Trx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      council_id: entry.councilId,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

export interface ChainReport {
  councilId: string;
  councilSlug: string;
  entries: number;
  /** The first entry whose link is broken, or undefined when the chain holds. */
  brokenAt?: { seq: number; reason: 'content_changed' | 'link_broken' | 'sequence_gap' };
}

/**
 * Check every council's chain: each entry's hash must match its content, and each must
 * point at the hash of the entry before it, with no gaps in the sequence.
 */
export async function verifyAuditChains(db: Database): Promise<ChainReport[]> {
  return db.system(async (trx) => {
    const councils = await trx.selectFrom('councils').select(['id', 'slug']).orderBy('slug').execute();
    const reports: ChainReport[] = [];
    for (const council of councils) {
      const { rows } = await sql<{ seq: number; content_ok: boolean; link_ok: boolean; expected_seq: number }>`
        select seq::int as seq,
               hash = audit_row_hash(a) as content_ok,
               prev_hash = coalesce(lag(hash) over w, repeat('0', 64)) as link_ok,
               (row_number() over w)::int as expected_seq
        from audit_log a
        where council_id = ${council.id}
        window w as (order by seq)
        order by seq
      `.execute(trx);
      const report: ChainReport = { councilId: council.id, councilSlug: council.slug, entries: rows.length };
      for (const row of rows) {
        const reason = row.seq !== row.expected_seq ? 'sequence_gap' : !row.content_ok ? 'content_changed' : !row.link_ok ? 'link_broken' : undefined;
        if (reason) {
          report.brokenAt = { seq: Number(row.seq), reason };
          break;
        }
      }
      reports.push(report);
    }
    return reports;
  });
}
