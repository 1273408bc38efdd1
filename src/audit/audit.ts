import { sql } from 'kysely';
import { auditKeyOf, type Database, type Trx } from '../db/database.js';
import { canonicalJson, ChainChecker, sealBefore, sealText, type Break, type ChainVerdict, type StoredEntry } from './chain.js';
import { readCheckpoints } from './checkpoints.js';
import type { AuditKey } from './keys.js';

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
 * if the change is rolled back, so is its record. Under the council's lock, Concord reads
 * the last entry, numbers and stamps the new one, and seals it with the audit key, which the
 * database never holds; the database's trigger checks the number and adds its SHA-256 chain.
 */
export async function audit(trx: Trx, entry: AuditEntry): Promise<void> {
  const key = auditKeyOf(trx);
  if (!key) throw new Error('This transaction was begun without the audit key, so it cannot seal an audit entry.');
  // The same lock the trigger takes, taken first so no other writer comes between the read and the insert.
  await sql`select pg_advisory_xact_lock(hashtextextended('audit:' || ${entry.councilId}::uuid::text, 0))`.execute(trx);
  const { rows } = await sql<{ council: string; actor: string | null; now: string; seq: number | null; mac: string | null; hash: string | null }>`
    select ${entry.councilId}::uuid::text as council, ${entry.actorId}::uuid::text as actor,
           to_char(date_trunc('milliseconds', clock_timestamp()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now,
           last.seq, last.mac, last.hash
    from (select 1) as one
    left join lateral (select seq, mac, hash from audit_log where council_id = ${entry.councilId}::uuid order by seq desc limit 1) as last on true
  `.execute(trx);
  const head = rows[0]!;
  const seq = (head.seq ?? 0) + 1;
  const json = JSON.stringify(entry.data ?? {});
  const content = {
    councilId: head.council,
    seq,
    at: head.now,
    actorId: head.actor,
    action: wellFormed(entry.action),
    entityType: wellFormed(entry.entityType),
    entityId: entry.entityId == null ? null : wellFormed(entry.entityId),
    data: canonicalJson(JSON.parse(json)),
  };
  const previous = head.seq === null ? undefined : { mac: head.mac, hash: head.hash! };
  await trx
    .insertInto('audit_log')
    .values({
      council_id: content.councilId,
      seq,
      at: content.at,
      actor_id: content.actorId,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      data: json,
      mac: key.mac(sealText(content, sealBefore(previous))),
    })
    .execute();
}

/** Text as PostgreSQL will store it: a lone surrogate becomes U+FFFD, as the driver encodes it. */
function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export interface ChainReport extends ChainVerdict {
  councilId: string;
  councilSlug: string;
  /** The council has checkpoints but is no longer in the database. */
  councilMissing?: boolean;
}

const BATCH = 2000;

/**
 * Check every council's log with the key: each entry's seal, its place in the sequence, the
 * database's SHA-256 chain recomputed here, and the signed checkpoints kept in `checkpointDir`,
 * which show what the log held when it was sealed. Nothing the database computes is trusted:
 * it is asked only for the stored values.
 */
export async function verifyAuditChains(db: Database, key: AuditKey, checkpointDir?: string): Promise<ChainReport[]> {
  const checkpoints = checkpointDir ? await readCheckpoints(checkpointDir) : new Map<string, never[]>();
  return db.system(async (trx) => {
    const councils = await trx.selectFrom('councils').select(['id', 'slug']).orderBy('slug').execute();
    const reports: ChainReport[] = [];
    for (const council of councils) {
      const checker = new ChainChecker(key, council.id, checkpoints.get(council.id) ?? []);
      let after = 0;
      for (;;) {
        const { rows } = await sql<StoredEntry>`
          select seq, council_id::text as council_id,
                 to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
                 actor_id::text as actor_id, action, entity_type, entity_id, data::text as data_text,
                 prev_hash, hash, mac
          from audit_log
          where council_id = ${council.id} and seq > ${after}
          order by seq
          limit ${BATCH}
        `.execute(trx);
        for (const row of rows) checker.add({ ...row, seq: Number(row.seq) });
        if (rows.length < BATCH) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
      reports.push({ councilId: council.id, councilSlug: council.slug, ...checker.finish() });
    }
    // A council whose checkpoints remain but whose every row, its own included, is gone.
    const known = new Set(councils.map((c) => c.id));
    for (const [councilId, lines] of checkpoints) {
      if (known.has(councilId)) continue;
      const verdict = new ChainChecker(key, councilId, lines).finish();
      const slug = lines.find((l) => 'slug' in l)?.slug ?? councilId;
      reports.push({ councilId, councilSlug: slug, councilMissing: true, ...verdict });
    }
    return reports;
  });
}

/** The first entry affected and what happened to it, in words. */
export function describeBreak(b: Break): string {
  const reason: Record<Break['reason'], string> = {
    sequence_gap: 'missing',
    content_changed: 'content changed: its seal does not match',
    inserted: 'inserted: it was not in the log Concord sealed',
    unsealed: 'not sealed: written without the audit key',
    link_broken: 'link broken',
    database_hash: "the database's hash is wrong: the hash or the function computing it was changed",
    truncated: 'missing: the log was cut short',
    checkpoint_mismatch: 'replaced',
    checkpoint_invalid: 'a checkpoint is not signed with this key',
  };
  return b.detail ? `${reason[b.reason]}; ${b.detail}` : reason[b.reason];
}
