import { randomUUID } from 'node:crypto';

/** The channel the database tells of changes on: its triggers (migration 0030), and every committed write (below). */
export const CHANGES_CHANNEL = 'concord_changes';

/** The name a committed write gives in place of a table's: it may have touched any. */
export const ANY_TABLE = '*';

/**
 * Set (to 'on', for the transaction) by work that writes only rows no page reads: the job
 * queue's claims, made every few seconds across councils, would otherwise make every process
 * forget what it read of every council each time.
 */
export const BOOKKEEPING_ONLY = 'app.bookkeeping_only';

/**
 * This process's mark on the notifications its own commits send: a write it told as it
 * committed (`tellCommittedWrite`) is not counted again when its notification comes back.
 */
export const WRITTEN_HERE = randomUUID();

/**
 * Sent with every `commit` of a transaction begun here, in the same message: whether the
 * transaction wrote (PostgreSQL gives a transaction an id at its first write, and only then),
 * for which council, and, if it wrote, a notification that the server delivers to every
 * listening process when the commit succeeds (and never if it fails), marked as this process's.
 */
export const WRITE_CHECK = [
  `select ${wroteAnythingRead()} as wrote, nullif(current_setting('app.council_id', true), '') as council`,
  `select pg_notify('${CHANGES_CHANNEL}', json_build_object('table', '${ANY_TABLE}', 'council', nullif(current_setting('app.council_id', true), ''), 'from', '${WRITTEN_HERE}')::text) where ${wroteAnythingRead()}`,
].join(';\n');

function wroteAnythingRead(): string {
  return `txid_current_if_assigned() is not null and current_setting('${BOOKKEEPING_ONLY}', true) is distinct from 'on'`;
}

/**
 * Every transaction that wrote, told as it commits, by whichever of this process's database
 * handles ran it: the council it was for, or null for work across councils (migrations, the
 * command line, the job queue's own rows). Caches of what was read (src/db/remembered-reads.ts)
 * listen here, so a person never reads, from this process, older data than they just wrote.
 * Other processes hear the same through the database's notifications (src/db/changes.ts).
 */
export type CommittedWriteListener = (councilId: string | null) => void;

const listeners = new Set<CommittedWriteListener>();

/** Calls `listener` after each committed write; returns a function that stops calling it. */
export function onCommittedWrites(listener: CommittedWriteListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `commit`, a transaction's for `councilId`, and calls `wrote` if it committed a write, as
 * the database itself says (the write check above): work that was run as writing but in fact
 * only read, or wrote only bookkeeping, does not count. The connection tells of the write before
 * its commit's answer goes back, so it is heard here while `commit` runs.
 *
 * Another transaction's write to the same council, told in that same moment, is heard as this
 * one's: the request then says it wrote when it may only have read, and its browser reads afresh
 * for a few seconds (decisions/0028). That costs reads, never an answer older than a write.
 * Telling the two apart by an AsyncLocalStorage made Node run hooks for every promise of the
 * process, a third of an API read's time, to settle a cookie.
 */
export async function witnessCommit<T>(councilId: string, commit: () => Promise<T>, wrote: () => void): Promise<T> {
  let heard = false;
  const stop = onCommittedWrites((council) => {
    if (council === councilId) heard = true;
  });
  let result: T;
  try {
    result = await commit();
  } finally {
    stop();
  }
  if (heard) wrote();
  return result;
}

/**
 * Said by the connections when a commit's answer was lost (its connection went): it may have
 * committed, and its notification, marked as this process's, would not be counted. Every
 * council's reads are forgotten; the request that committed is not told it wrote.
 */
export function tellCommitUncertain(): void {
  tellListeners(null);
}

/** Said by the connections (src/db/connections.ts) once a transaction that wrote has committed. */
export function tellCommittedWrite(councilId: string | null): void {
  tellListeners(councilId);
}

function tellListeners(councilId: string | null): void {
  for (const listener of listeners) {
    try {
      listener(councilId);
    } catch {
      // What was committed stands whatever a listener makes of it: the answer must not say otherwise.
    }
  }
}
