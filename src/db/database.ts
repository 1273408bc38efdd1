import { mkdir, access, constants } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { PGlitePool } from './pglite-pool.js';
import type { DB } from './schema.js';
import type { AuditKey } from '../audit/keys.js';

export type Trx = Transaction<DB>;

/**
 * The database as the rest of Concord sees it. Queries never run outside one of these
 * two doors, so tenant isolation cannot be forgotten:
 * - `tenant(councilId, fn)`: a transaction as the application role, seeing one council;
 * - `system(fn)`: a transaction as the connecting user, for work across councils.
 */
export interface Database {
  readonly driver: 'pglite' | 'postgres';
  tenant<T>(councilId: string, fn: (trx: Trx) => Promise<T>): Promise<T>;
  system<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
  /** The key that seals audit entries written through this database (src/audit). */
  readonly auditKey: AuditKey | undefined;
  /** The raw Kysely instance, for migrations and tests of isolation itself. */
  readonly kysely: Kysely<DB>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export interface OpenOptions {
  /** Seals the audit entries written through this database; without it, the default set for tests. */
  auditKey?: AuditKey;
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: 'unreachable' | 'not_writable' | 'migration_failed',
  ) {
    super(message);
  }
}

let defaultAuditKey: AuditKey | undefined;

/** The audit key for databases opened without one: tests set it once; Concord itself never does. */
export function setDefaultAuditKey(key: AuditKey | undefined): void {
  defaultAuditKey = key;
}

const transactionKeys = new WeakMap<object, AuditKey>();

/** The audit key of the database whose `tenant` or `system` began this transaction. */
export function auditKeyOf(trx: Trx): AuditKey | undefined {
  return transactionKeys.get(trx);
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const key = options.auditKey ?? defaultAuditKey;
  if ('url' in target) return openPostgres(target.url, key);
  return openPGlite('dataDir' in target ? target.dataDir : undefined, key);
}

async function openPostgres(url: string, key: AuditKey | undefined): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Both drivers hand back the same JavaScript types: counts as numbers, dates as text.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === 20) return (value: string) => Number(value);
        if (oid === 1082) return (value: string) => value;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`Cannot reach the PostgreSQL server at ${redact(url)}: ${(error as Error).message}`, 'unreachable');
  }
  return wrap(new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), 'postgres', key);
}

async function openPGlite(dataDir: string | undefined, key: AuditKey | undefined): Promise<Database> {
  if (dataDir) {
    try {
      await mkdir(dataDir, { recursive: true });
      await access(dataDir, constants.W_OK);
    } catch (error) {
      throw new DatabaseError(`The data folder ${dataDir} cannot be written to: ${(error as Error).message}`, 'not_writable');
    }
  }
  const pglite = await PGlite.create(dataDir, {
    parsers: { [pgliteTypes.DATE]: (value: string) => value, [pgliteTypes.INT8]: (value: string) => Number(value) },
  });
  return wrap(new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) }), 'pglite', key);
}

function wrap(kysely: Kysely<DB>, driver: Database['driver'], key: AuditKey | undefined): Database {
  const begin = <T>(fn: (trx: Trx) => Promise<T>) =>
    kysely.transaction().execute(async (trx) => {
      if (key) transactionKeys.set(trx, key);
      return fn(trx);
    });
  return {
    driver,
    kysely,
    auditKey: key,
    tenant(councilId, fn) {
      return begin(async (trx) => {
        // SET LOCAL lasts until the end of this transaction only, so a pooled connection
        // never carries one council's context into the next request.
        await sql`set local role concord_app`.execute(trx);
        await sql`select set_config('app.council_id', ${councilId}, true)`.execute(trx);
        return fn(trx);
      });
    },
    system(fn) {
      return begin(async (trx) => {
        await sql`select set_config('app.council_id', '', true)`.execute(trx);
        return fn(trx);
      });
    },
    async migrate() {
      const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) {
        const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
        throw new DatabaseError(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, 'migration_failed');
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: () => kysely.destroy(),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
