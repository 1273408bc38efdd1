/** Every answer kept: the same object is handed to every reader, who must not change it. */
const keptAnswers = new WeakSet<object>();

/** Whether `value` is an answer some `RememberedReads` kept, so the same object each time it is read. */
export function isRemembered(value: unknown): value is object {
  return typeof value === 'object' && value !== null && keptAnswers.has(value);
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A number for an object, the same for as long as it lives, and never another's: for a key that depends on which object it is. */
export function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return id;
}

/**
 * What this process last read of a council, kept until anything is written to that council.
 *
 * The pages people open most (the home page, the meetings list, the API's lists) read the same
 * rows again and again between changes, and on the embedded database each read is most of a
 * request's time. A read kept here is answered again only while the council's count of
 * committed writes is the one it was read at:
 * - this process's own writes are counted as each commits (src/db/commits.ts), before the answer
 *   that reports them is sent, so nobody reads here older data than they just wrote;
 * - other processes' writes are counted when their notification arrives (src/db/changes.ts);
 *   a lost listening connection forgets everything.
 * A read is stamped with the count before it starts, and kept only if no write came while it
 * ran; so whatever it saw, it is never kept as newer than it is. Writes made behind Concord's
 * back (by hand, in psql) are not heard: `maxAgeMs` bounds how long a read is kept anyway, and
 * with it anything a read depends on besides the rows (the time of day).
 */
export class RememberedReads {
  private readonly counts = new Map<string, number>();
  /** Counts every forgetting of all councils at once. */
  private epoch = 0;
  private readonly kept = new Map<string, { stamp: string; at: number; value: unknown }>();

  /** Whether every write is being heard: false while the connection listening for other processes' is lost. */
  private following = true;

  constructor(
    private readonly now: () => number,
    private readonly maxAgeMs = 60_000,
    private readonly most = 5_000,
  ) {}

  /**
   * Whether writes are heard: while they are not (the listening connection is lost and being
   * made again), every read is read afresh and nothing is kept; what was kept is forgotten.
   */
  follow(heard: boolean): void {
    if (!heard) this.changed(null);
    this.following = heard;
  }

  /** A write to the council committed (null: to any council, or to all). */
  changed(councilId: string | null): void {
    if (councilId === null) {
      this.epoch++;
      this.kept.clear();
      return;
    }
    this.counts.set(councilId, (this.counts.get(councilId) ?? 0) + 1);
  }

  /**
   * `load`'s answer, or the one it gave for the same council and key since the council last
   * changed. An answer `worthKeeping` refuses is not kept (a session not found: whoever sends
   * made-up tokens must not push out the reads of people signed in).
   */
  async read<T>(councilId: string, key: string, load: () => Promise<T>, worthKeeping: (value: T) => boolean = () => true): Promise<T> {
    if (!this.following) return load();
    const id = `${councilId}\u0000${key}`;
    const stamp = this.stampOf(councilId);
    const now = this.now();
    const held = this.kept.get(id);
    if (held && held.stamp === stamp && now - held.at <= this.maxAgeMs) return held.value as T;
    const value = await load();
    if (this.stampOf(councilId) !== stamp || !worthKeeping(value)) return value;
    // The oldest kept goes first: a Map keeps the order keys were set in.
    this.kept.delete(id);
    this.kept.set(id, { stamp, at: now, value });
    if (typeof value === 'object' && value !== null) keptAnswers.add(value);
    if (this.kept.size > this.most) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.kept.size;
  }

  private stampOf(councilId: string): string {
    return `${this.epoch}.${this.counts.get(councilId) ?? 0}`;
  }
}
