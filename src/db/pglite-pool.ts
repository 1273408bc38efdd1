import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one in-process PGlite instance to Kysely's PostgresDialect as a pool of a
 * single connection.
 *
 * PGlite has one Postgres session. If two requests used it at once, one would see the
 * other's uncommitted rows and a rollback would undo both. So a client holds the
 * session from `connect()` until `release()`: transactions run one after another,
 * exactly as they would on a server connection that nobody else shares.
 */
export class PGlitePool implements PostgresPool {
  private queue: Array<() => void> = [];
  private held = false;
  private waitingListeners = new Set<() => void>();

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    await this.acquire();
    let released = false;
    const client = {
      query: async (sqlText: string, parameters: ReadonlyArray<unknown>) => {
        if (released) throw new Error('PGlite client used after release');
        return this.run(sqlText, parameters);
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
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      this.releaseLock();
    }
  }

  private async run(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<unknown>> {
    let result: Results<unknown>;
    if (parameters.length === 0) {
      // Without parameters the simple protocol runs several statements at once, as pg does.
      const results = await this.pglite.exec(sqlText);
      result = results[results.length - 1] ?? { rows: [], fields: [], affectedRows: 0 };
    } else {
      result = await this.pglite.query(sqlText, [...parameters]);
    }
    return { command: commandOf(sqlText), rowCount: result.affectedRows ?? 0, rows: result.rows };
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

/** pg reports the statement's command; PGlite does not, so read it from the SQL. */
function commandOf(sqlText: string): PostgresQueryResult<unknown>['command'] {
  const match = /^\s*(insert|update|delete|merge)\b/i.exec(sqlText);
  return (match?.[1]?.toUpperCase() as PostgresQueryResult<unknown>['command'] | undefined) ?? 'SELECT';
}
