import { mkdir, access, constants } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type KyselyPlugin, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { wrapConnections } from './connections.js';
import { PGlitePool } from './pglite-pool.js';
import { VALUE_TYPES } from './value-types.js';
import type { DB } from './schema.js';
import type { AuditKey } from '../audit/keys.js';

export type Trx = Transaction<DB>;

/** The role requests log in as: a member of concord_app and concord_system that inherits neither. */
export const APP_LOGIN_ROLE = 'concord_app_login';

/**
 * The database as the rest of Concord sees it. Queries never run outside one of these
 * two doors, so tenant isolation cannot be forgotten:
 * - `tenant(councilId, fn)`: a transaction as the application role, seeing one council;
 * - `system(fn)`: a transaction for work across councils: as the connecting user (the
 *   owner) when opened, as concord_system once `forRequests()` has given up the owner's rights.
 */
export interface Database {
  readonly driver: 'pglite' | 'postgres';
  /** 'owner' as opened (migrations, init, verify); 'requests' after `forRequests()`. */
  readonly login: 'owner' | 'requests';
  tenant<T>(councilId: string, fn: (trx: Trx) => Promise<T>): Promise<T>;
  system<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * A tenant transaction left open for its caller to end: one request's work, shared by the
   * session lookup, the rules and the route (src/db/request-transaction.ts).
   */
  open(councilId: string): Promise<OpenTransaction>;
  /**
   * Tells `listener` whenever a transaction has to wait for the connection another holds: on
   * PGlite, whose one session every transaction shares, a transaction left open must end
   * then, not when its request does. Returns a function that stops telling.
   */
  onWaiting(listener: () => void): () => void;
  /** Runs the migrations not yet run, up to and including `upTo` when given; returns their names. */
  migrate(upTo?: string): Promise<string[]>;
  /**
   * A read-only transaction as the owner that sees the database as it was when it began, while
   * others go on writing: for backups. Refused on a requests handle, which may not read everything.
   */
  snapshot<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * A handle for serving requests that cannot become the owner: on PostgreSQL it logs in as
   * the target's `appUrl` (and closes the owner's connection); without one, or on PGlite, each
   * transaction sets its session's authorization to concord_app_login, which a superuser
   * connection alone can do (see docs/decisions/0009 for what that does and does not stop).
   */
  forRequests(): Promise<Database>;
  close(): Promise<void>;
  /** The key that seals audit entries written through this database (src/audit). */
  readonly auditKey: AuditKey | undefined;
  /** The raw Kysely instance, for migrations and tests of isolation itself. */
  readonly kysely: Kysely<DB>;
}

/** A transaction begun by `open()`: the caller commits or rolls it back, exactly once. */
export interface OpenTransaction {
  readonly trx: Trx;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export type DatabaseTarget = { url: string; appUrl?: string } | { dataDir: string } | { memory: true };

export interface OpenOptions {
  /** Seals the audit entries written through this database; without it, the default set for tests. */
  auditKey?: AuditKey;
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: 'unreachable' | 'not_writable' | 'migration_failed' | 'unsafe_login',
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

/**
 * The same transaction seen through a Kysely plugin (one that observes or rewrites its
 * queries): Kysely hands back a new object, which must still be able to seal audit entries.
 */
export function transactionWithPlugin(trx: Trx, plugin: KyselyPlugin): Trx {
  const observed = trx.withPlugin(plugin);
  const key = transactionKeys.get(trx);
  if (key) transactionKeys.set(observed, key);
  return observed;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const key = options.auditKey ?? defaultAuditKey;
  if ('url' in target) return wrap(await connectPostgres(target.url), 'postgres', key, { kind: 'owner', appUrl: target.appUrl });
  return openPGlite('dataDir' in target ? target.dataDir : undefined, key);
}

/**
 * How long a connection may take to be made, or to come free when all ten are in use. A server
 * that does not answer (a host gone, a firewall dropping packets) would otherwise hold each
 * request until the operating system gives up, minutes later; after this, the request is
 * answered 503 and may be sent again, and a start-up says it cannot reach the server.
 */
const CONNECT_TIMEOUT_MS = 5_000;

async function connectPostgres(url: string): Promise<Kysely<DB>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: VALUE_TYPES,
  });
  // A connection the server ends while it is idle (a restart, a terminated backend) leaves the
  // pool, which makes another when needed; unheard, its error would end the process.
  pool.on('error', () => undefined);
  // A connection ended while a request holds it: the query in flight fails (and the request is
  // answered 503); the client's own 'error' event, with no listener, would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`Cannot reach the PostgreSQL server at ${redact(url)}: ${(error as Error).message}`, 'unreachable');
  }
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: wrapConnections(pool) }) });
  listenTargets.set(kysely, { driver: 'postgres', url });
  return kysely;
}

/** Shared buffers of the embedded database (decisions/0025). */
const PGLITE_SHARED_BUFFERS = '32MB';

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
    // PGlite's own default of 128 MB of shared buffers grows its WebAssembly memory, which never
    // shrinks, from the 128 MB its module starts with to 190 MB; 32 MB fits within that start
    // and holds a council's working set (decisions/0025).
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const pool = new PGlitePool(pglite);
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: wrapConnections(pool) }) });
  listenTargets.set(kysely, { driver: 'pglite', pglite });
  return wrap(kysely, 'pglite', key, { kind: 'owner' }, { waiting: pool });
}

/**
 * Where a handle's notifications are heard (src/db/changes.ts): on PostgreSQL, a connection of
 * its own to the server the handle's pool logs in to (so, after `forRequests()`, as the requests
 * login); on PGlite, the one instance, whose notifications it hands to whoever asks.
 */
export type ListenTarget = { driver: 'postgres'; url: string } | { driver: 'pglite'; pglite: PGlite };

const listenTargets = new WeakMap<Kysely<DB>, ListenTarget>();

export function listenTargetOf(db: Database): ListenTarget | undefined {
  return listenTargets.get(db.kysely);
}

/** A council's id: a UUID, the only shape written into a statement as a literal. */
const COUNCIL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a handle's transactions log in:
 * - owner: as the connecting user, switching to concord_app for a council's work;
 * - session: a superuser connection that first sets the session's authorization to
 *   concord_app_login (SET LOCAL), so RESET ROLE returns there, not to the owner;
 * - role: connected as a login that is itself concord_app_login or a member of it.
 */
type Login = { kind: 'owner'; appUrl?: string } | { kind: 'session' } | { kind: 'role' };

/**
 * PGlite's one session starts as its bootstrap superuser without the setting that would take
 * it back there, so ending a transaction leaves its session authorization where the
 * transaction set it. Once a requests handle has used the session, an owner's transaction on
 * the same instance (tests, and start-up before serving) names the superuser again first.
 */
interface SharedSession {
  superuser?: string;
  /** PGlite's one session, which tells when a transaction waits for it. */
  waiting?: PGlitePool;
}

function wrap(kysely: Kysely<DB>, driver: Database['driver'], key: AuditKey | undefined, login: Login, shared: SharedSession = {}): Database {
  const become = (role: 'concord_app' | 'concord_system') =>
    sql.raw(login.kind === 'session' ? `set local session authorization ${APP_LOGIN_ROLE}; set local role ${role}` : `set local role ${role}`);
  const begin = <T>(fn: (trx: Trx) => Promise<T>) =>
    kysely.transaction().execute(async (trx) => {
      if (key) transactionKeys.set(trx, key);
      if (login.kind === 'owner' && shared.superuser) await sql`set session authorization ${sql.id(shared.superuser)}`.execute(trx);
      return fn(trx);
    });
  // Local settings last until the end of their transaction only, so a pooled connection never
  // carries one council's context into the next request. The role and the council are set by
  // one statement (set_config('role') is SET LOCAL ROLE), except where the session's
  // authorization must be set first, which only a SET statement can do.
  // The council is written as a literal, not a parameter, so that the statement travels with
  // the transaction's `begin` in one round trip (src/db/connections.ts); only an id shaped
  // as one of Concord's can be written so.
  const enterCouncil = async (trx: Trx, councilId: string) => {
    const council = COUNCIL_ID.test(councilId) ? sql.lit(councilId) : sql`${councilId}`;
    if (login.kind === 'session') {
      await become('concord_app').execute(trx);
      await sql`select set_config('app.council_id', ${council}, true)`.execute(trx);
    } else {
      await sql`select set_config('role', 'concord_app', true), set_config('app.council_id', ${council}, true)`.execute(trx);
    }
  };
  const database: Database = {
    driver,
    kysely,
    auditKey: key,
    login: login.kind === 'owner' ? 'owner' : 'requests',
    tenant(councilId, fn) {
      return begin(async (trx) => {
        await enterCouncil(trx, councilId);
        return fn(trx);
      });
    },
    async open(councilId) {
      const trx = await kysely.startTransaction().execute();
      let ended = false;
      const end = async (how: 'commit' | 'rollback') => {
        if (ended) return;
        ended = true;
        if (how === 'rollback') return trx.rollback().execute();
        try {
          await trx.commit().execute();
        } catch (error) {
          // A failed commit keeps its connection; a rollback gives it back, even one that fails.
          await trx.rollback().execute().catch(() => undefined);
          throw error;
        }
      };
      try {
        if (key) transactionKeys.set(trx, key);
        if (login.kind === 'owner' && shared.superuser) await sql`set session authorization ${sql.id(shared.superuser)}`.execute(trx);
        await enterCouncil(trx, councilId);
      } catch (error) {
        await end('rollback').catch(() => undefined);
        throw error;
      }
      return { trx, commit: () => end('commit'), rollback: () => end('rollback') };
    },
    onWaiting(listener) {
      return shared.waiting ? shared.waiting.onWaiting(listener) : () => undefined;
    },
    system(fn) {
      return begin(async (trx) => {
        if (login.kind !== 'owner') await become('concord_system').execute(trx);
        await sql`select set_config('app.council_id', '', true)`.execute(trx);
        return fn(trx);
      });
    },
    snapshot(fn) {
      if (login.kind !== 'owner') throw new DatabaseError('A snapshot of every council is read as the owner, not through the requests login.', 'unsafe_login');
      return kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          if (shared.superuser) await sql`set session authorization ${sql.id(shared.superuser)}`.execute(trx);
          // Times are written the same way whatever the server's own zone.
          await sql`set local timezone = 'UTC'`.execute(trx);
          return fn(trx);
        });
    },
    async forRequests() {
      if (login.kind !== 'owner') return database;
      if (shared.superuser) return wrap(kysely, driver, key, { kind: 'session' }, shared);
      if (login.appUrl) {
        const requests = wrap(await connectPostgres(login.appUrl), 'postgres', key, { kind: 'role' });
        try {
          await checkRequestLogin(requests.kysely, login.appUrl);
        } catch (error) {
          await requests.close();
          throw error;
        }
        await kysely.destroy();
        return requests;
      }
      const { rows } = await sql<{ who: string; superuser: boolean; login: boolean }>`
        select r.rolname as who, r.rolsuper as superuser, exists (select 1 from pg_roles where rolname = ${APP_LOGIN_ROLE}) as login
        from pg_roles r where r.rolname = session_user`.execute(kysely);
      if (!rows[0]?.login) throw new DatabaseError(`The role ${APP_LOGIN_ROLE} does not exist: bring the database up to date (concord migrate) first.`, 'unsafe_login');
      if (!rows[0].superuser) {
        throw new DatabaseError(
          `Requests must not log in as the owner of Concord's tables. As the owner, run: ALTER ROLE ${APP_LOGIN_ROLE} LOGIN PASSWORD '…'; ` +
            `then set DATABASE_APP_URL=postgres://${APP_LOGIN_ROLE}:…@host/database (see the README).`,
          'unsafe_login',
        );
      }
      if (driver === 'pglite') shared.superuser = rows[0].who;
      return wrap(kysely, driver, key, { kind: 'session' }, shared);
    },
    async migrate(upTo) {
      if (login.kind !== 'owner') throw new DatabaseError('Migrations run as the owner, not through the requests login.', 'migration_failed');
      if (!upTo && (await migrationsCurrent(kysely))) return [];
      const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
      const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) {
        const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
        throw new DatabaseError(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, 'migration_failed');
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: () => kysely.destroy(),
  };
  return database;
}

/**
 * Whether every migration Concord knows has run, asked in two small statements: at most
 * starts there is nothing to do, and the migrator's own check (a lock table, a lock, a read of
 * every migration) costs most of a second on the embedded database.
 */
async function migrationsCurrent(kysely: Kysely<DB>): Promise<boolean> {
  const names = Object.keys(migrations);
  const { rows: [table] } = await sql<{ exists: boolean }>`select to_regclass('kysely_migration') is not null as exists`.execute(kysely);
  if (!table?.exists) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(kysely);
  const done = new Set(rows.map((r) => r.name));
  return names.every((name) => done.has(name));
}

/**
 * The requests login must be able to take the application's roles, and nothing more: not a
 * superuser, not able to create roles or bypass row-level security, not a member of the role
 * that owns the tables (which it could SET ROLE to).
 */
async function checkRequestLogin(kysely: Kysely<DB>, url: string): Promise<void> {
  const { rows } = await sql<{ who: string; superuser: boolean; createrole: boolean; bypass: boolean; app: boolean; system: boolean; owner: boolean }>`
    select r.rolname as who, r.rolsuper as superuser, r.rolcreaterole as createrole, r.rolbypassrls as bypass,
           pg_has_role(current_user, 'concord_app', 'MEMBER') as app,
           pg_has_role(current_user, 'concord_system', 'MEMBER') as system,
           exists (select 1 from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
                   and pg_has_role(current_user, c.relowner, 'MEMBER')) as owner
    from pg_roles r where r.rolname = current_user`.execute(kysely);
  const r = rows[0];
  const wrong = !r
    ? ['is unknown']
    : [
        r.superuser && 'is a superuser',
        r.createrole && 'may create roles',
        r.bypass && 'bypasses row-level security',
        r.owner && "owns Concord's tables or may become their owner",
        !(r.app && r.system) && `is not a member of ${APP_LOGIN_ROLE} (GRANT ${APP_LOGIN_ROLE} TO …)`,
      ].filter((x): x is string => Boolean(x));
  if (wrong.length) {
    throw new DatabaseError(`DATABASE_APP_URL (${redact(url)}) logs in as ${r?.who ?? 'a role'} which ${wrong.join(', ')}. It must name a role that can only act as the application.`, 'unsafe_login');
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
