import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { tellCommitUncertain, tellCommittedWrite, WRITE_CHECK } from './commits.js';

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
 * A statement asked for again and again is prepared by name (decisions/0026): the server
 * plans it once per connection instead of at every request, which for Concord's small queries
 * cost more than running them (three quarters of the home page's time in the database, on
 * PGlite).
 *
 * A transaction's `commit` carries, in the same message, the question whether it wrote and for
 * which council (src/db/commits.ts): once it has committed, this process's caches of what was
 * read are told at once, and other processes by the notification the same message sends.
 *
 * Nothing else changes: the statements run in the same order on the same connection, and an
 * error is the error of the statement Kysely sent.
 */
export function wrapConnections(pool: PostgresPool, names = new StatementNames()): PostgresPool {
  const wrapped = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let own = wrapped.get(client);
      if (!own) wrapped.set(client, (own = wrapClient(client, names)));
      return own;
    },
    end: () => pool.end(),
  };
}

const EMPTY: PostgresQueryResult<unknown> = { command: 'SELECT', rowCount: 0, rows: [] };

/**
 * The names of prepared statements, shared by every connection of the process (each prepares
 * a name the first time it runs it). Only statements with parameters are named: one without is
 * often written with its values in it (the council's context), so its text is not worth keeping.
 * A statement is named once it has been asked for twice, and no more than `most` are named, so
 * that what each connection holds on the server stays small however many shapes of query
 * (lists of different lengths) pass once.
 */
export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly most = 400,
    private readonly after = 2,
  ) {}

  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name || this.named.size >= this.most) return name;
    const times = (this.seen.get(text) ?? 0) + 1;
    if (times < this.after) {
      // Statements seen once are counted within bounds too.
      if (this.seen.size >= this.most * 10) this.seen.clear();
      this.seen.set(text, times);
      return undefined;
    }
    this.seen.delete(text);
    const given = `concord_${(this.next++).toString(36)}`;
    this.named.set(text, given);
    return given;
  }

  /**
   * A statement whose result changed shape since it was prepared (a column added to a table it
   * reads with `*`, by another process's migration) fails once on each connection that holds
   * it: it is prepared again under a new name.
   */
  retire(text: string): void {
    this.named.delete(text);
  }
}

/** The server's code for "cached plan must not change result type". */
const PLAN_CHANGED = '0A000';
/** The server's code for "current transaction is aborted": such a transaction's commit only rolls back. */
const ABORTED = '25P02';

/** PGlite's pool (src/db/pglite-pool.ts) gives every answer of a message of several statements when asked. */
interface AnswersAll {
  queryAll(text: string): Promise<PostgresQueryResult<unknown>[]>;
}

function wrapClient(client: PostgresPoolClient, names: StatementNames): PostgresPoolClient {
  let beginHeld = false;
  /** A transaction this wrapper began is open on the server. */
  let begun = false;
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
    if (begun && (text === 'commit' || text === 'rollback')) {
      begun = false;
      return text === 'commit' ? commitTelling() : send(text, []);
    }
    if (!beginHeld) {
      // A transaction begun with its isolation or access mode named is told of at its commit too.
      if (!begun && /^start transaction\b/i.test(text)) begun = true;
      return send(text, parameters ?? []);
    }
    if (text === 'commit' || text === 'rollback') {
      // Nothing ran since `begin`: there is no transaction on the server to end.
      beginHeld = false;
      return EMPTY;
    }
    if (parameters && parameters.length > 0) {
      await sendHeldBegin();
      return send(text, parameters);
    }
    beginHeld = false;
    begun = true;
    // Several statements in one message answer with one result each (pg) or with the last
    // (PGlite's pool); Kysely wants the statement's own, which is the last.
    const answer = (await client.query(`begin;\n${text}`, [])) as unknown;
    return Array.isArray(answer) ? answer[answer.length - 1] : answer;
  };
  const commitTelling = async (): Promise<unknown> => {
    let answers: PostgresQueryResult<unknown>[];
    try {
      const answer = 'queryAll' in client ? await (client as unknown as AnswersAll).queryAll(`${WRITE_CHECK};\ncommit`) : ((await client.query(`${WRITE_CHECK};\ncommit`, [])) as unknown);
      answers = Array.isArray(answer) ? (answer as PostgresQueryResult<unknown>[]) : [answer as PostgresQueryResult<unknown>];
    } catch (error) {
      // A transaction already failed ends as it always did: its commit rolls it back, quietly.
      if ((error as { code?: string }).code === ABORTED) return client.query('commit', []);
      // Its answer may be what was lost (the connection went): it may have committed, and its
      // notification, marked as this process's, would then count for nothing here.
      tellCommitUncertain();
      throw error;
    }
    const check = answers[0]?.rows[0] as { wrote?: boolean; council?: string | null } | undefined;
    if (check?.wrote) tellCommittedWrite(check.council ?? null);
    return answers[answers.length - 1] ?? EMPTY;
  };
  const send = async (text: string, parameters: ReadonlyArray<unknown>): Promise<unknown> => {
    const name = parameters.length > 0 ? names.nameFor(text) : undefined;
    if (!name) return client.query(text, parameters);
    try {
      // pg prepares the name on this connection the first time, and only binds it after.
      return await (client.query as unknown as (config: { name: string; text: string; values: unknown[] }) => Promise<unknown>)({ name, text, values: [...parameters] });
    } catch (error) {
      if ((error as { code?: string }).code === PLAN_CHANGED) names.retire(text);
      throw error;
    }
  };
  const sendHeldBegin = async () => {
    if (!beginHeld) return;
    beginHeld = false;
    begun = true;
    await client.query('begin', []);
  };
  return {
    query: inTurn,
    release: () => {
      // A transaction always ends before its connection goes back; this is only a guard.
      beginHeld = false;
      begun = false;
      client.release();
    },
  } as unknown as PostgresPoolClient;
}
