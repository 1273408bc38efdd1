import { sql } from 'kysely';
import { witnessCommit } from './commits.js';
import type { Database, OpenTransaction, Trx } from './database.js';

/**
 * One request's database work in one tenant transaction: the session lookup, the clauses, the
 * route's reads and writes, and the record of a refusal. Each piece of work (`run`) keeps the
 * meaning it had as a transaction of its own: if it fails, what it wrote is undone and the
 * work before it stands; the transaction is committed before the answer is sent, so an answer
 * never reports work that could still be lost.
 *
 * It is begun only when some work needs it, so a signed-out page that reads nothing opens
 * none. It may end early and begin again; nothing is lost by that, because each piece of work
 * was already final as far as the request is concerned:
 * - when another transaction waits for the connection it holds (PGlite's one session), so
 *   nobody waits while this request reads its body or renders its page;
 * - when the response has closed before the request finished (a client that went away).
 */
export class RequestTransaction {
  private open: OpenTransaction | undefined;
  /** Whether the transaction holds work that must be kept if a later piece fails. */
  private holdsWork = false;
  private committedWork = false;
  /** Pieces of work run one after another: a transaction runs one statement at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private finished = false;
  private savepoints = 0;
  private stopWaiting: (() => void) | undefined;

  /**
   * @param undone called when work this transaction had kept is undone after all (its commit
   *   failed, or its connection was lost): whatever was read in it may have seen writes that
   *   never happened, so what was remembered of the council must be read again.
   */
  constructor(
    private readonly db: Database,
    readonly councilId: string,
    private readonly undone: () => void = () => undefined,
  ) {}

  /**
   * Run once, in the transaction, before the first work that writes: set by a request whose
   * session was answered from memory, to read it afresh before it changes anything.
   */
  beforeWriting: ((trx: Trx) => Promise<void>) | undefined;

  /**
   * Whether work run as writing (`run`, which every `req.tx` is) is in the transaction now open:
   * what is read after it may include what it wrote, not yet committed. Work that in fact only
   * read counts too; that costs only a read from memory.
   */
  get holdsWrites(): boolean {
    return this.holdsWork;
  }

  /** Whether a write has been committed, at any point of the request, as the database says: work run as writing that only read does not count. */
  get committedWrites(): boolean {
    return this.committedWork;
  }

  /** Work that writes, or whose writes must be undone alone if it fails. */
  run<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return this.enqueue(fn, true);
  }

  /** Work that only reads: it leaves nothing that a later failure would have to keep. */
  read<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return this.enqueue(fn, false);
  }

  /**
   * Before the answer is sent: the work done is made durable, or the answer becomes an error
   * (once: the error's own answer is not refused again).
   */
  async commit(): Promise<void> {
    await this.settled();
    // A commit that fails with work to keep records why in `lost`; one that only read loses nothing.
    await this.end('commit').catch(() => undefined);
    const lost = this.lost;
    this.lost = undefined;
    if (lost !== undefined) throw new RequestWorkLostError(lost);
  }

  /** The response has closed: what is done is kept, and any later work is a transaction of its own. */
  async close(): Promise<void> {
    this.finished = true;
    await this.settled();
    await this.end('commit').catch(() => undefined);
  }

  private settled(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private enqueue<T>(fn: (trx: Trx) => Promise<T>, writes: boolean): Promise<T> {
    // Work asked for while a piece runs joins that piece (a piece within a piece would otherwise
    // wait in the queue for itself): see `join`. Pieces asked for together (Promise.all) are
    // queued before the first begins, so they still run one after another. Told apart by an
    // AsyncLocalStorage, Node would run hooks for every promise of the process (decisions/0029).
    if (this.busy && this.open) return this.join(this.open.trx, fn, writes);
    if (this.finished) return this.db.tenant(this.councilId, fn);
    const result = this.queue.then(() => this.inTransaction(fn, writes));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Work that joined the running piece: it ends before that piece does, and counts as its work. */
  private joined: Promise<void>[] = [];
  private joinedWrites = false;
  private joinedFailure: { error: unknown } | undefined;

  /**
   * Runs work in the running piece's transaction, as part of that piece: the piece waits for it
   * before it ends, it writing makes the piece a writing one, and it failing fails the piece, so
   * that what the two did is undone together. Nothing of a joined piece is kept half-done, nor
   * committed under it.
   */
  private join<T>(trx: Trx, fn: (trx: Trx) => Promise<T>, writes: boolean): Promise<T> {
    const result = this.checkedFirst(fn, writes)(trx);
    this.joined.push(
      result.then(
        () => {
          if (writes) this.joinedWrites = true;
        },
        (error: unknown) => {
          this.joinedFailure ??= { error };
        },
      ),
    );
    return result;
  }

  /**
   * The piece's own work, then whatever joined it; the first failure among them is the piece's.
   * Says whether the piece wrote, its own work or joined work, and leaves nothing of the joined
   * work for the next piece.
   */
  private async withJoined<T>(work: () => Promise<T>, writes: boolean): Promise<{ value: T; wrote: boolean }> {
    let value: T;
    let failed: { error: unknown } | undefined;
    let wrote = writes;
    try {
      value = await work();
    } finally {
      while (this.joined.length > 0) {
        const pending = this.joined;
        this.joined = [];
        await Promise.all(pending);
      }
      // Taken whether or not the piece's own work failed: the next piece starts with none.
      failed = this.joinedFailure;
      wrote ||= this.joinedWrites;
      this.joinedFailure = undefined;
      this.joinedWrites = false;
    }
    if (failed) throw failed.error;
    return { value, wrote };
  }

  /** Work that writes reads the session afresh first, once, where the request asked for that (`beforeWriting`). */
  private checkedFirst<T>(work: (trx: Trx) => Promise<T>, writes: boolean): (trx: Trx) => Promise<T> {
    const check = writes ? this.beforeWriting : undefined;
    if (!check) return work;
    this.beforeWriting = undefined;
    return (trx) => check(trx).then(() => work(trx));
  }

  private async inTransaction<T>(work: (trx: Trx) => Promise<T>, writes: boolean): Promise<T> {
    const fn = this.checkedFirst(work, writes);
    const open = this.open ?? (await this.begin());
    this.busy = true;
    try {
      if (!this.holdsWork) {
        // Nothing to keep yet: a failure undoes the whole transaction, which costs no savepoint.
        try {
          const { value, wrote } = await this.withJoined(() => fn(open.trx), writes);
          if (wrote) this.holdsWork = true;
          return value;
        } catch (error) {
          await this.end('rollback').catch(() => undefined);
          throw error;
        }
      }
      const savepoint = `work_${++this.savepoints}`;
      await sql.raw(`savepoint ${savepoint}`).execute(open.trx);
      try {
        const { value } = await this.withJoined(() => fn(open.trx), writes);
        await sql.raw(`release savepoint ${savepoint}`).execute(open.trx);
        return value;
      } catch (error) {
        // Only this piece's work is undone; if even that fails, the connection is gone and the
        // transaction with it, and the work before is reported lost by the commit that follows.
        try {
          await sql.raw(`rollback to savepoint ${savepoint}`).execute(open.trx);
        } catch (lost) {
          this.lost = lost;
          // The work kept before is lost with the transaction: what was read in it may have seen it.
          this.undone();
          this.holdsWork = false;
          await this.end('rollback').catch(() => undefined);
        }
        throw error;
      }
    } finally {
      this.busy = false;
      if (this.wanted && this.open) await this.end('commit').catch(() => undefined);
    }
  }

  /** Why work this transaction kept could not be committed: the answer must say so. */
  private lost: unknown;
  /** Set when another transaction waits for the connection this one holds. */
  private wanted = false;

  private async begin(): Promise<OpenTransaction> {
    // Pieces run one at a time (the queue), so only one can be beginning the transaction.
    this.open = await this.db.open(this.councilId);
    this.wanted = false;
    this.stopWaiting = this.db.onWaiting(() => {
      this.wanted = true;
      // Idle between pieces of work: end now, so the one waiting need not wait for the request.
      if (!this.busy && this.open) void this.end('commit').catch(() => undefined);
    });
    return this.open;
  }

  /**
   * The transaction's end, once begun: one begun because another transaction wanted the
   * connection runs alongside the request, and the request's own commit waits for it before it
   * says whether the work was kept.
   */
  private ending: Promise<void> = Promise.resolve();

  private end(how: 'commit' | 'rollback'): Promise<void> {
    const open = this.open;
    this.open = undefined;
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    const kept = this.holdsWork;
    this.holdsWork = false;
    this.savepoints = 0;
    if (!open) return this.ending;
    if (how === 'rollback' && kept) this.undone();
    const ended = this.finish(open, how, kept);
    this.ending = ended.catch(() => undefined);
    return ended;
  }

  private async finish(open: OpenTransaction, how: 'commit' | 'rollback', kept: boolean): Promise<void> {
    try {
      if (how === 'rollback') await open.rollback();
      else if (kept) await witnessCommit(this.councilId, () => open.commit(), () => (this.committedWork = true));
      else await open.commit();
    } catch (error) {
      if (how === 'commit' && kept) {
        this.lost ??= error;
        this.undone();
      }
      throw error;
    }
  }
}

/** Work a request had done could not be made durable: the request must not be answered as a success. */
export class RequestWorkLostError extends Error {
  constructor(cause: unknown) {
    super('The work of this request could not be committed.', { cause });
  }
}
