import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database, Trx } from '../db/database.js';
import { BOOKKEEPING_ONLY } from '../db/commits.js';
import type { Locale, Translate } from '../i18n/messages.js';
import type { Mailer } from '../notifications/mailer.js';
import type { Terminology } from '../protocol/types.js';
import { every, type Repeating } from './every.js';

/**
 * Durable jobs (decision 0006): a row in `jobs`, written in the caller's transaction, so a
 * job exists exactly when the change that asked for it committed, and survives a restart.
 * A runner claims due jobs with `FOR UPDATE SKIP LOCKED`, so two Concord processes on one
 * PostgreSQL server never run the same job; a failed job is tried again later, with a
 * longer wait each time, until it has had `max_attempts` tries.
 */

export interface Job {
  id: string;
  councilId: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** What a job has to hand besides its transaction: the time, the mail, and the council's words. */
export interface JobContext {
  clock: () => Date;
  mailer: Mailer;
  /** A translator in the council's terminology, for text written with no request to hand. */
  translate: (council: { name: string; terminology: Terminology }, locale?: Locale) => Translate;
  /** Where the council's pages are reached from outside, for links in emails (`councilAddress`). */
  address: (council: { slug: string }) => string;
}

/**
 * One kind of durable job, declared by the capability that queues it: its kind, the shape of
 * its payload, and what running it does. Runs in the council's tenant transaction; throwing
 * means "try again later".
 */
export interface JobDefinition<P = unknown> {
  kind: string;
  /** Checks a payload read back from the database (a zod schema). */
  payload: { parse(input: unknown): P };
  run(trx: Trx, payload: P, context: JobContext & { job: Job }): Promise<void>;
}

/** Declares a job; the payload's type comes from its schema. */
export function defineJob<S extends z.ZodType>(definition: { kind: string; payload: S; run: JobDefinition<z.infer<S>>['run'] }): JobDefinition<z.infer<S>> {
  return definition;
}

/** Runs one job, in its council's tenant transaction. Throwing means "try again later". */
export type JobHandler = (trx: Trx, job: Job) => Promise<void>;

export interface NewJob {
  councilId: string;
  kind: string;
  payload?: Record<string, unknown>;
  /** When it is due; at once if not given. */
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * A job given no time is due at once, whatever the clock of the runner that claims it: the
 * runner's clock may be a fixed time (tests) or another server's, slightly behind this one.
 */
const DUE_AT_ONCE = new Date(0);

/** Queue a declared job with its payload, in the caller's transaction. */
export function enqueueJob<P>(trx: Trx, definition: JobDefinition<P>, job: { councilId: string; payload: P; runAt?: Date; maxAttempts?: number }): Promise<string> {
  return enqueue(trx, { councilId: job.councilId, kind: definition.kind, payload: job.payload as Record<string, unknown>, runAt: job.runAt, maxAttempts: job.maxAttempts });
}

/** Add a job inside the caller's transaction: it is kept if, and only if, that commits. */
export async function enqueue(trx: Trx, job: NewJob): Promise<string> {
  const row = await trx
    .insertInto('jobs')
    .values({
      council_id: job.councilId,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: (job.runAt ?? DUE_AT_ONCE).toISOString(),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How long a claimed job is held before another runner may take it (a runner that died). */
const LOCK_MS = 60_000;

/** The wait before the next try: 2^attempts minutes (2, 4, 8, 16 …). */
export function backoffMs(attempts: number): number {
  return 2 ** attempts * 60_000;
}

export interface RunResult {
  done: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  council_id: string;
  kind: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  max_attempts: number;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private loop: Repeating | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: { clock?: () => Date; batch?: number; onError?: (error: unknown, job?: Job) => void } = {},
  ) {}

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Register a declared job: its payload is checked against its schema before it runs. */
  define<P>(definition: JobDefinition<P>, context: JobContext): this {
    return this.register(definition.kind, async (trx, job) => {
      const payload = definition.payload.parse(job.payload);
      await definition.run(trx, payload, { ...context, job });
    });
  }

  /** Claim the jobs due at `now` and run each; returns how many were done and how many failed. */
  async runDue(now: Date = (this.options.clock ?? (() => new Date()))()): Promise<RunResult> {
    const result: RunResult = { done: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claim(now);
      for (const job of claimed) {
        if (await this.runOne(job, now)) result.done++;
        else result.failed++;
      }
      if (claimed.length < (this.options.batch ?? 20)) return result;
    }
  }

  /** Run due jobs every `intervalMs`, one round at a time, until `stop()`. */
  start(intervalMs: number): void {
    this.loop ??= every(intervalMs, () => this.runDue(), (error) => this.options.onError?.(error));
  }

  /** Stop the timer and wait for the round in progress to finish. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = undefined;
  }

  private async claim(now: Date): Promise<Job[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + LOCK_MS).toISOString();
    const limit = this.options.batch ?? 20;
    // Across councils, as the system: each job then runs in its own council's context. A job is
    // found again by its primary key, council first, which on a sharded database also names
    // the server that holds it.
    const { rows } = await this.db.system(async (trx) => {
      // Claiming changes only the jobs' own locks and counts, which no page reads.
      await sql`select set_config(${BOOKKEEPING_ONLY}, 'on', true)`.execute(trx);
      return sql<ClaimedRow>`
        update jobs set locked_until = ${until}::timestamptz, attempts = attempts + 1
        where (council_id, id) in (
          select council_id, id from jobs
          where done_at is null and attempts < max_attempts and run_at <= ${at}::timestamptz
            and (locked_until is null or locked_until < ${at}::timestamptz)
          order by run_at
          for update skip locked
          limit ${limit}
        )
        returning id, council_id, kind, payload, attempts, max_attempts`.execute(trx);
    });
    return rows.map((r) => ({
      id: r.id,
      councilId: r.council_id,
      kind: r.kind,
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
    }));
  }

  private async runOne(job: Job, now: Date): Promise<boolean> {
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      // The handler's changes and the job's completion commit together.
      await this.db.tenant(job.councilId, async (trx) => {
        await handler(trx, job);
        await trx.updateTable('jobs').set({ done_at: now.toISOString(), locked_until: null, last_error: null }).where('id', '=', job.id).execute();
      });
      return true;
    } catch (error) {
      this.options.onError?.(error, job);
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = new Date(now.getTime() + backoffMs(job.attempts)).toISOString();
      await this.db.tenant(job.councilId, (trx) =>
        trx.updateTable('jobs').set({ last_error: message.slice(0, 2000), run_at: retryAt, locked_until: null }).where('id', '=', job.id).execute(),
      );
      return false;
    }
  }
}
