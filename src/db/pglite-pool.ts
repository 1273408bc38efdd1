import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { PGliteConnection } from './pglite-connection.js';
import { VALUE_TYPES } from './value-types.js';

/**
 * Presents one in-process PGlite instance to Kysely's PostgresDialect as a pool of a
 * single connection.
 *
 * PGlite has one Postgres session. If two requests used it at once, one would see the
 * other's uncommitted rows and a rollback would undo both. So a client holds the
 * session from `connect()` until `release()`: transactions run one after another,
 * exactly as they would on a server connection that nobody else shares.
 *
 * Statements reach PGlite through pg itself (src/db/pglite-connection.ts): values are
 * written and read as on a PostgreSQL server (the same types, src/db/value-types.ts), and a
 * named statement is prepared once and run again without being planned again (src/db/connections.ts).
 */
export class PGlitePool implements PostgresPool {
  private queue: Array<() => void> = [];
  private held = false;
  private waitingListeners = new Set<() => void>();

  private readonly session: pg.Client;
  private connected: Promise<void> | undefined;

  constructor(private readonly pglite: PGlite) {
    // pg's typings do not list the connection a Client may be given instead of a socket.
    this.session = new pg.Client({ connection: new PGliteConnection(pglite), types: VALUE_TYPES } as pg.ClientConfig);
  }

  async connect(): Promise<PostgresPoolClient> {
    await this.acquire();
    let released = false;
    const client = {
      query: async (query: string | pg.QueryConfig, parameters?: ReadonlyArray<unknown>) => {
        if (released) throw new Error('PGlite client used after release');
        return this.run(query, parameters);
      },
      // Every answer of a message of several statements, as pg gives them (src/db/connections.ts).
      queryAll: async (text: string) => {
        if (released) throw new Error('PGlite client used after release');
        return this.runAll(text);
      },
      release: () => {
        if (released) return;
        released = true;
        this.releaseLock();
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.acquire();
    try {
      if (this.connected) await this.session.end().catch(() => undefined);
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      this.releaseLock();
    }
  }

  private async run(query: string | pg.QueryConfig, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<unknown>> {
    await this.sessionReady();
    const result = (typeof query === 'string' ? await this.session.query(query, parameters ? [...parameters] : []) : await this.session.query(query)) as pg.QueryResult | pg.QueryResult[];
    // Several statements without parameters answer with one result each: the last is the one kept.
    return kyselyResult(Array.isArray(result) ? result[result.length - 1] : result);
  }

  private sessionReady(): Promise<void> {
    return (this.connected ??= this.session.connect().then(() => undefined));
  }

  private async runAll(text: string): Promise<PostgresQueryResult<unknown>[]> {
    await this.sessionReady();
    const result = (await this.session.query(text)) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(result) ? result : [result]).map(kyselyResult);
  }

  /**
   * Calls `listener` each time a transaction has to wait for the session: a transaction held
   * open between pieces of work (one request's, src/db/request-transaction.ts) ends then, so
   * that nobody waits for a request that is only reading its body or rendering its page.
   */
  onWaiting(listener: () => void): () => void {
    this.waitingListeners.add(listener);
    return () => this.waitingListeners.delete(listener);
  }

  private acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    const waited = new Promise<void>((resolve) => this.queue.push(resolve));
    for (const listener of [...this.waitingListeners]) listener();
    return waited;
  }

  private releaseLock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

function kyselyResult(result: pg.QueryResult | undefined): PostgresQueryResult<unknown> {
  return { command: (result?.command ?? 'SELECT') as PostgresQueryResult<unknown>['command'], rowCount: result?.rowCount ?? 0, rows: result?.rows ?? [] };
}
