import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { CHANGES_CHANNEL, WRITTEN_HERE } from './commits.js';
import { DatabaseError, listenTargetOf, type Database } from './database.js';

export { ANY_TABLE, CHANGES_CHANNEL } from './commits.js';

const change = z.object({ table: z.string(), council: z.string().nullable(), from: z.string().optional() });

/** A committed change to a table whose rows some process keeps in memory, and the council it touched. */
export type Change = Omit<z.infer<typeof change>, 'from'>;

export interface ChangeHandlers {
  /**
   * A change committed by any process, this one included. `toldHere`: the notification of a
   * committed write that this process told as it committed (src/db/commits.ts); a trigger's
   * notification of a table is never one, whoever wrote it.
   */
  onChange(change: Change, toldHere: boolean): void;
  /** Changes may have gone unheard (the connection was lost, or a message was unreadable): forget everything held. */
  onMissed(): void;
  /** The listening connection was lost, or could not be made again; it is tried again. */
  onError?(error: unknown): void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  /** The wait before the first attempt to connect again; it doubles with each failure, up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Hears every change committed to the database that would make a cache of this process stale,
 * whichever process or tool made it. On PostgreSQL the listening needs a connection of its own,
 * never one of the pool's (a pooled connection goes back to serve requests, and LISTEN lasts for
 * a session). When that connection is lost it is made again, and since notifications sent in the
 * meantime are lost with it, `onMissed` then tells the caller to forget everything.
 */
export async function listenForChanges(db: Database, handlers: ChangeHandlers, options: ListenOptions = {}): Promise<ChangeListener> {
  const target = listenTargetOf(db);
  if (!target) throw new DatabaseError('This database handle was not opened by openDatabase, so it has nowhere to listen.', 'unreachable');
  const deliver = (payload: string | undefined) => {
    let parsed: ReturnType<typeof change.safeParse> | undefined;
    try {
      parsed = change.safeParse(JSON.parse(payload ?? ''));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) {
      const { from, ...told } = parsed.data;
      handlers.onChange(told, from === WRITTEN_HERE);
    } else handlers.onMissed();
  };

  if (target.driver === 'pglite') {
    // PGlite's own `listen(channel, cb)` would send LISTEN past the pool's lock (src/db/pglite-pool.ts),
    // into whatever transaction a request holds open; so LISTEN goes through the pool, and the
    // instance hands over every notification its one session receives.
    const { pglite } = target;
    const stop = pglite.onNotification((channel, payload) => {
      if (channel === CHANGES_CHANNEL) deliver(payload);
    });
    await sql`listen ${sql.id(CHANGES_CHANNEL)}`.execute(db.kysely);
    return { close: async () => stop() };
  }

  const listener = new PostgresListener(target.url, deliver, handlers, options);
  await listener.connect();
  return listener;
}

class PostgresListener implements ChangeListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly deliver: (payload: string | undefined) => void,
    private readonly handlers: ChangeHandlers,
    private readonly options: ListenOptions,
  ) {}

  /** One connection, listening; a failure to make it is the caller's to hear. */
  async connect(): Promise<void> {
    // Keep-alive probes find a connection whose server vanished without a word (a failover).
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.deliver(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('The connection listening for changes was closed.')));
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return; // heard already, or never listening
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.handlers.onError?.(error);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    const first = this.options.retryMs ?? 1_000;
    const delay = Math.min(this.options.maxRetryMs ?? 30_000, first * 2 ** this.failures);
    this.retry = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.closed) return;
          this.failures = 0;
          // Listening again first, then forgetting: a change committed from here on is heard,
          // and one committed before is read afresh.
          this.handlers.onMissed();
        },
        (error: unknown) => {
          if (this.closed) return;
          this.failures++;
          this.handlers.onError?.(error);
          this.reconnectLater();
        },
      );
    }, delay);
    // Nothing waits on this timer alone: a process that has closed everything else may end.
    this.retry.unref();
  }
}
