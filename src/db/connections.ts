import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * A pool whose connections run one statement at a time, and send a transaction's `begin`
 * together with its first statement.
 *
 * One at a time: the statements of a transaction share its connection, so work asked for at
 * once (a `Promise.all` over one transaction) must queue. pg queues it itself but calls that
 * deprecated, and will refuse it; the queue here keeps the order the statements were asked in.
 *
 * Every transaction Concord opens begins with the same two steps: `begin`, then the statement
 * that sets the council and the role. Sent one after the other they cost two round trips to
 * the server, and on a busy server a round trip costs more than a small query. So `begin` is
 * held back and sent in front of the next statement, as one simple-protocol message, when that
 * statement has no parameters (the council's context is written as a literal for this reason,
 * src/db/database.ts); a statement with parameters cannot share a message, so `begin` goes
 * first on its own, as before. A transaction that ends before any statement sends nothing.
 *
 * Nothing else changes: the statements run in the same order on the same connection, and an
 * error in either is the error of the statement Kysely sent.
 */
export function wrapConnections(pool: PostgresPool): PostgresPool {
  const wrapped = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let own = wrapped.get(client);
      if (!own) wrapped.set(client, (own = wrapClient(client)));
      return own;
    },
    end: () => pool.end(),
  };
}

const EMPTY: PostgresQueryResult<unknown> = { command: 'SELECT', rowCount: 0, rows: [] };

function wrapClient(client: PostgresPoolClient): PostgresPoolClient {
  let beginHeld = false;
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
    // A cursor (Kysely's stream) is handed back at once, as pg does; Concord streams nothing
    // inside a transaction, whose begin would have to go first.
    if (typeof sqlOrCursor !== 'string') {
      if (beginHeld) throw new Error('A cursor cannot be the first statement of a transaction here.');
      return (client.query as (q: unknown) => unknown)(sqlOrCursor);
    }
    const turn = last.then(() => query(sqlOrCursor, parameters));
    // The next statement waits for this one to end, however it ends.
    last = turn.catch(() => undefined);
    return turn;
  };
  const query = async (text: string, parameters?: ReadonlyArray<unknown>): Promise<unknown> => {
    if (text === 'begin' && !beginHeld) {
      beginHeld = true;
      return EMPTY;
    }
    if (!beginHeld) return client.query(text, parameters ?? []);
    if (text === 'commit' || text === 'rollback') {
      // Nothing ran since `begin`: there is no transaction on the server to end.
      beginHeld = false;
      return EMPTY;
    }
    if (parameters && parameters.length > 0) {
      await sendHeldBegin();
      return client.query(text, parameters);
    }
    beginHeld = false;
    // Several statements in one message answer with one result each (pg) or with the last
    // (PGlite's pool); Kysely wants the statement's own, which is the last.
    const answer = (await client.query(`begin;\n${text}`, [])) as unknown;
    return Array.isArray(answer) ? answer[answer.length - 1] : answer;
  };
  const sendHeldBegin = async () => {
    if (!beginHeld) return;
    beginHeld = false;
    await client.query('begin', []);
  };
  return {
    query: inTurn,
    release: () => {
      // A transaction always ends before its connection goes back; this is only a guard.
      beginHeld = false;
      client.release();
    },
  } as unknown as PostgresPoolClient;
}
