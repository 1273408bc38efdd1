import { sql, type Expression } from 'kysely';

/** The day a version took or takes effect: its own date, or (versions adopted before Concord kept one) its approval. */
export const effectiveFrom = sql<string>`coalesce(v.in_force_from, v.approved_on)`;

/**
 * The id of the version in force on `day`, as a SQL expression for the council the transaction
 * sees: the latest approved version (that holds clauses) in force by then; failing that, the
 * current one, so a council whose every version starts later still has a protocol.
 */
export function versionInForceId(day: string): Expression<string> {
  return sql<string>`coalesce(
    (select v.id from protocol_versions v
      where v.status = 'approved' and ${effectiveFrom} <= ${day}::date
        and exists (select 1 from protocol_clauses c where c.version_id = v.id)
      order by ${effectiveFrom} desc, v.created_at desc limit 1),
    (select v.id from protocol_versions v where v.is_current))`;
}
