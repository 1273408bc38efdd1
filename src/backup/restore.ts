import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Trx } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, splitRowsLine, tableRows, TableDigest, type BackupHeader, type TableSummary } from './backup.js';
import { describeTables, type TableInfo } from './catalog.js';

export interface RestoreResult {
  header: BackupHeader;
  tables: Record<string, TableSummary>;
  /** Migrations run after the rows went in, when the backup came from an earlier Concord. */
  upgradedWith: string[];
}

/** The lines of a backup file, one at a time, never the whole file in memory. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line) yield line;
  } catch (error) {
    throw new BackupError(`${file} is not a whole Concord backup: ${(error as Error).message}`);
  }
}

/** The header of a backup, checked: what it holds, and whether this Concord can restore it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of linesOf(file)) {
    let header: Partial<BackupHeader>;
    try {
      header = JSON.parse(line) as Partial<BackupHeader>;
    } catch {
      break;
    }
    if (header.format !== BACKUP_FORMAT) break;
    if (header.version !== BACKUP_VERSION) throw new BackupError(`${file} is a backup in version ${String(header.version)} of the format; this Concord reads version ${BACKUP_VERSION}.`);
    const unknown = (header.migrations ?? []).filter((m) => !(m in migrations));
    if (unknown.length) throw new BackupError(`${file} was made by a newer Concord (its database has ${unknown.join(', ')}): restore it with that version or later.`);
    return header as BackupHeader;
  }
  throw new BackupError(`${file} is not a Concord backup.`);
}

async function appliedMigrations(db: Database): Promise<string[]> {
  return db.system(async (trx) => {
    const { rows: exists } = await sql<{ found: boolean }>`select to_regclass('public.kysely_migration') is not null as found`.execute(trx);
    if (!exists[0]?.found) return [];
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx);
    return rows.map((r) => r.name);
  });
}

/**
 * Restores a backup into `db` (opened as the owner) in one transaction: all of it or nothing.
 * - A backup of the whole deployment goes into a database that holds no council.
 * - A backup of one council goes into a deployment that does not hold that council; the
 *   others are not touched.
 * An empty database is first brought to the backup's migrations, the rows go in, and then it is
 * brought up to date; a database already in use must be at the backup's migrations.
 * Every table's rows are counted and checksummed again and compared with the backup's own
 * figures before the transaction commits. Checking the audit log with the key is the caller's
 * next step (`verifyAuditChains`).
 */
export async function restoreBackup(db: Database, file: string): Promise<RestoreResult> {
  const header = await readBackupHeader(file);
  const applied = await appliedMigrations(db);
  const last = header.migrations.at(-1);
  if (applied.length === 0) {
    if (last) await db.migrate(last);
  } else if (applied.join() !== header.migrations.join()) {
    throw new BackupError(
      `This database is at migration ${applied.at(-1)} and the backup at ${last ?? 'none'}. ` +
        'Restore the backup into an empty data folder or database (which brings it up to date), or bring both to the same version first.',
    );
  }

  const tables = await db.system(async (trx) => {
    const catalog = new Map((await describeTables(trx)).map((t) => [t.name, t]));
    const councils = await trx.selectFrom('councils').select(['id', 'slug']).execute();
    if (header.scope.kind === 'deployment' && councils.length > 0) {
      throw new BackupError(`This is a backup of a whole deployment, and this database already holds ${councils.length} council(s): restore it into an empty data folder or database.`);
    }
    if (header.scope.kind === 'council') {
      const { id, slug } = header.scope;
      if (councils.some((c) => c.id === id || c.slug === slug)) throw new BackupError(`This database already holds the council "${slug}". Nothing was restored.`);
    }

    const selfReferencing = new Map<string, string[]>();
    let trailer: Record<string, TableSummary> | undefined;
    let first = true;
    let auditTriggerOff = false;
    for await (const line of linesOf(file)) {
      if (first) {
        first = false; // the header, read above
        continue;
      }
      const rows = splitRowsLine(line);
      if (rows) {
        const table = catalog.get(rows.table);
        if (!table) throw new BackupError(`The backup holds a table "${rows.table}" that this database does not have.`);
        // Entries written before the audit log was sealed carry no seal, which the log's own
        // check refuses; those are put back as they are and checked with the key afterwards.
        if (table.name === 'audit_log' && !auditTriggerOff && rows.rowsJson.includes('"mac": null')) {
          await sql`alter table audit_log disable trigger audit_chain`.execute(trx);
          auditTriggerOff = true;
        }
        await insertRows(trx, table, rows.rowsJson);
        if (table.selfReferences.length) selfReferencing.set(table.name, [...(selfReferencing.get(table.name) ?? []), rows.rowsJson]);
        continue;
      }
      const parsed = JSON.parse(line) as { end?: boolean; tables?: Record<string, TableSummary> };
      if (parsed.end && parsed.tables) trailer = parsed.tables;
    }
    if (!trailer) throw new BackupError(`${file} ends before its last line: the backup is not whole. Nothing was restored.`);
    if (auditTriggerOff) await sql`alter table audit_log enable trigger audit_chain`.execute(trx);

    // References within a table go in once every row of it is there.
    for (const [name, batches] of selfReferencing) {
      const table = catalog.get(name)!;
      for (const batch of batches) await linkRows(trx, table, batch);
    }
    for (const table of catalog.values()) await advanceSequences(trx, table);

    // The same figures, read back from what is now in the database.
    const councilId = header.scope.kind === 'council' ? header.scope.id : undefined;
    for (const [name, expected] of Object.entries(trailer)) {
      const table = catalog.get(name)!;
      const digest = new TableDigest();
      for await (const batch of tableRows(trx, table, councilId)) for (const row of batch) digest.add(row);
      const found = digest.summary();
      if (found.rows !== expected.rows || found.checksum !== expected.checksum) {
        throw new BackupError(`The table ${name} came back with ${found.rows} rows where the backup holds ${expected.rows}, or with different contents. Nothing was restored.`);
      }
    }
    return trailer;
  });

  const upgradedWith = applied.length === 0 ? await db.migrate() : [];
  return { header, tables, upgradedWith };
}

async function insertRows(trx: Trx, table: TableInfo, rowsJson: string): Promise<void> {
  const columns = table.columns.map((c) => sql.ref(c));
  // A column pointing into its own table is left empty here and filled by linkRows.
  const values = table.columns.map((c) => (table.selfReferences.includes(c) ? sql`null` : sql.ref(`r.${c}`)));
  await sql`insert into ${sql.table(table.name)} (${sql.join(columns)}) overriding system value
    select ${sql.join(values)} from jsonb_populate_recordset(null::${sql.table(table.name)}, ${rowsJson}::jsonb) r`.execute(trx);
}

async function linkRows(trx: Trx, table: TableInfo, rowsJson: string): Promise<void> {
  const sets = table.selfReferences.map((c) => sql`${sql.ref(c)} = ${sql.ref(`r.${c}`)}`);
  const match = table.primaryKey.map((c) => sql`${sql.ref(`t.${c}`)} = ${sql.ref(`r.${c}`)}`);
  await sql`update ${sql.table(table.name)} t set ${sql.join(sets)}
    from jsonb_populate_recordset(null::${sql.table(table.name)}, ${rowsJson}::jsonb) r
    where ${sql.join(match, sql` and `)}`.execute(trx);
}

/** A sequence is moved past the largest value restored, never back. */
async function advanceSequences(trx: Trx, table: TableInfo): Promise<void> {
  for (const { column, sequence } of table.sequences) {
    await sql`select setval(${sequence}::regclass, m) from (select max(${sql.ref(column)}) as m from ${sql.table(table.name)}) x
      where m is not null and m >= (select last_value from ${sql.raw(sequence)})`.execute(trx);
  }
}
