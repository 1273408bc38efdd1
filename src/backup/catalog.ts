import { sql } from 'kysely';
import type { Trx } from '../db/database.js';

/** What a backup needs to know about one of Concord's tables, read from the database itself. */
export interface TableInfo {
  name: string;
  /** Every column, in the table's order; generated columns excluded (they are computed again). */
  columns: string[];
  /** The primary key's columns, which find a row again. */
  primaryKey: string[];
  /**
   * The order rows are written and put back in, so a checksum is stable: the primary key's, but
   * the audit log's by council and place in the chain, which its own check requires.
   */
  orderBy: string[];
  /** Whether the table holds a council's rows (has `council_id`); `councils` itself is keyed by `id`. */
  councilColumn: 'council_id' | 'id' | undefined;
  /** Columns referring to the same table (a meeting adjourned from another): filled in after every row is in. */
  selfReferences: string[];
  /** Columns filled from a sequence, set past the largest restored value afterwards. */
  sequences: { column: string; sequence: string }[];
}

/**
 * Tables that are not kept: a sign-in's session is a bearer credential, so a backup that held it
 * would let whoever holds the backup act as that person (after a restore, people sign in again);
 * failed sign-ins are counted for fifteen minutes and mean nothing later.
 */
export const NOT_BACKED_UP: readonly string[] = ['sessions', 'sign_in_failures'];

/**
 * Every table of Concord's schema, parents before the tables that refer to them, so rows can be
 * inserted in this order with every foreign key checked. The migrator's own tables are left out:
 * a restore runs the migrations itself.
 */
export async function describeTables(trx: Trx): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relname not like 'kysely\\_%'
    order by c.relname`.execute(trx);
  const { rows: columns } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(trx);
  const { rows: keys } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i join pg_class c on c.oid = i.indrelid
    join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and c.relnamespace = 'public'::regnamespace
    order by c.relname, k.n`.execute(trx);
  // The column a key points with: its one column, or its one column besides council_id (a key
  // within a council's rows carries council_id too, which is the row's own and is never emptied).
  const { rows: references } = await sql<{ child: string; parent: string; column: string | null }>`
    select cl.relname as child, pa.relname as parent,
           (select case when count(*) = 1 then min(a.attname) end from pg_attribute a
            where a.attrelid = f.conrelid and a.attnum = any(f.conkey)
              and (a.attname <> 'council_id' or cardinality(f.conkey) = 1)) as column
    from pg_constraint f join pg_class cl on cl.oid = f.conrelid join pg_class pa on pa.oid = f.confrelid
    where f.contype = 'f' and f.connamespace = 'public'::regnamespace`.execute(trx);
  const { rows: sequences } = await sql<{ table: string; column: string; sequence: string }>`
    select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(trx);

  const info = new Map<string, TableInfo>();
  for (const { name } of tables.filter((t) => !NOT_BACKED_UP.includes(t.name))) {
    const cols = columns.filter((c) => c.table === name).map((c) => c.column);
    info.set(name, {
      name,
      columns: cols,
      primaryKey: keys.filter((k) => k.table === name).map((k) => k.column),
      orderBy: name === 'audit_log' ? ['council_id', 'seq'] : keys.filter((k) => k.table === name).map((k) => k.column),
      councilColumn: name === 'councils' ? 'id' : cols.includes('council_id') ? 'council_id' : undefined,
      selfReferences: references.filter((r) => r.child === name && r.parent === name && r.column).map((r) => r.column!),
      sequences: sequences.filter((s) => s.table === name).map(({ column, sequence }) => ({ column, sequence })),
    });
  }

  // Parents first: a depth-first walk over the references between different tables.
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done' || state.get(name) === 'visiting') return; // a cycle is broken where it closes
    state.set(name, 'visiting');
    for (const r of references) if (r.child === name && r.parent !== name && info.has(r.parent)) visit(r.parent);
    state.set(name, 'done');
    ordered.push(info.get(name)!);
  };
  for (const name of info.keys()) visit(name);
  return ordered;
}
