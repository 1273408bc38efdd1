import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Trx } from '../db/database.js';
import { describeTables, type TableInfo } from './catalog.js';

/**
 * A backup is a gzip file of JSON lines, written from one consistent snapshot while Concord
 * keeps serving:
 *   1. a header: the format, when, what it covers (the deployment or one council) and the
 *      migrations the database had, so a restore builds the same schema before the rows go in;
 *   2. the rows, table by table (parents first), in batches, each row as PostgreSQL's own JSON
 *      of it, so every value (times to the microsecond, file bytes, JSON) comes back exactly;
 *   3. a trailer: each table's row count and a SHA-256 of its rows, which a restore checks.
 * The same format serves the embedded database and a PostgreSQL server, and a backup made on
 * one restores on the other. See docs/decisions/0018-backups.md.
 */
export const BACKUP_FORMAT = 'concord-backup';
export const BACKUP_VERSION = 1;

export type BackupScope = { kind: 'deployment' } | { kind: 'council'; id: string; slug: string; name: string };

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  scope: BackupScope;
  migrations: string[];
}

export interface TableSummary {
  rows: number;
  checksum: string;
}

export type BackupLine = BackupHeader | { end: true; tables: Record<string, TableSummary> };

export interface BackupResult {
  file: string;
  bytes: number;
  scope: BackupScope;
  tables: Record<string, TableSummary>;
  councils: string[];
}

const BATCH = 500;

/** The rows of `table` that a backup of `scope` holds, each as PostgreSQL's JSON text, in key order. */
export async function* tableRows(trx: Trx, table: TableInfo, councilId: string | undefined): AsyncGenerator<string[]> {
  const order = table.orderBy.length ? sql.join(table.orderBy.map((c) => sql.ref(`t.${c}`))) : sql`to_jsonb(t)::text`;
  const where = councilId && table.councilColumn ? sql`where ${sql.ref(`t.${table.councilColumn}`)} = ${councilId}` : sql``;
  // A cursor reads the table once, whatever its size, in batches.
  await sql`declare backup_rows no scroll cursor for select to_jsonb(t)::text as row from ${sql.table(table.name)} t ${where} order by ${order}`.execute(trx);
  try {
    for (;;) {
      const { rows } = await sql<{ row: string }>`fetch forward ${sql.raw(String(BATCH))} from backup_rows`.execute(trx);
      if (rows.length) yield rows.map((r) => r.row);
      if (rows.length < BATCH) return;
    }
  } finally {
    await sql`close backup_rows`.execute(trx);
  }
}

/** Which tables a backup of `scope` covers: a council's backup holds only what is that council's. */
export function tablesInScope(tables: TableInfo[], scope: BackupScope | { kind: 'council' }): TableInfo[] {
  return scope.kind === 'deployment' ? tables : tables.filter((t) => t.councilColumn);
}

/** The trailer's figures for a table: computed the same way when backing up and after restoring. */
export class TableDigest {
  private readonly hash = createHash('sha256');
  rows = 0;
  add(rowText: string): void {
    this.hash.update(rowText).update('\n');
    this.rows++;
  }
  summary(): TableSummary {
    return { rows: this.rows, checksum: this.hash.digest('hex') };
  }
}

/**
 * Writes a backup of the deployment, or of one council (by slug), to `file`. The file appears
 * only when whole: it is written under a temporary name and renamed.
 */
export async function writeBackup(db: Database, file: string, options: { council?: string; now?: Date } = {}): Promise<BackupResult> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const closed = once(out, 'close');
  const writeText = async (text: string): Promise<void> => {
    if (!gzip.write(`${text}\n`)) await once(gzip, 'drain');
  };
  const write = (line: BackupLine): Promise<void> => writeText(JSON.stringify(line));
  try {
    const result = await db.snapshot(async (trx) => {
      const { rows: applied } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx);
      const councils = await trx.selectFrom('councils').select(['id', 'slug', 'name']).orderBy('slug').execute();
      let scope: BackupScope = { kind: 'deployment' };
      if (options.council !== undefined) {
        const council = councils.find((c) => c.slug === options.council);
        if (!council) throw new BackupError(`There is no council "${options.council}" here. Councils: ${councils.map((c) => c.slug).join(', ') || 'none'}.`);
        scope = { kind: 'council', id: council.id, slug: council.slug, name: council.name };
      }
      await write({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: (options.now ?? new Date()).toISOString(), scope, migrations: applied.map((m) => m.name) });
      const tables: Record<string, TableSummary> = {};
      for (const table of tablesInScope(await describeTables(trx), scope)) {
        const digest = new TableDigest();
        for await (const batch of tableRows(trx, table, scope.kind === 'council' ? scope.id : undefined)) {
          for (const row of batch) digest.add(row);
          // The rows go in as PostgreSQL wrote them, never through JavaScript numbers.
          await writeText(rowsLine(table.name, batch));
        }
        tables[table.name] = digest.summary();
      }
      await write({ end: true, tables });
      return { scope, tables, councils: scope.kind === 'council' ? [scope.slug] : councils.map((c) => c.slug) };
    });
    gzip.end();
    await closed;
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, ...result };
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** A line of rows: `{"table":"people","rows":[…]}`, the rows' JSON exactly as the database gave it. */
export function rowsLine(table: string, rows: string[]): string {
  return `${ROWS_PREFIX(table)}${rows.join(',')}]}`;
}

const ROWS_PREFIX = (table: string): string => `{"table":${JSON.stringify(table)},"rows":[`;

/** A line of rows taken apart without parsing its rows: the table, and the rows as JSON array text. */
export function splitRowsLine(line: string): { table: string; rowsJson: string } | undefined {
  const match = /^\{"table":("[a-z_0-9]+"),"rows":/.exec(line);
  if (!match || !line.endsWith(']}')) return undefined;
  return { table: JSON.parse(match[1]!) as string, rowsJson: line.slice(match[0].length, -1) };
}

export class BackupError extends Error {}
