import { createHash } from 'node:crypto';
import type { AuditKey } from './keys.js';

/**
 * The audit log's two chains, computed by Concord alone (docs/decisions/0009):
 * - the seal: each entry's HMAC under the audit key, over its content and the seal before it;
 *   the database never holds the key, so it cannot make one;
 * - the database's own SHA-256 chain (`hash`, `prev_hash`, built by the audit_chain trigger),
 *   recomputed here in node:crypto, never by asking the database's function.
 */

export const ZERO_HASH = '0'.repeat(64);

/** An entry as stored, with `at` as UTC text to the microsecond and `data` as the database's jsonb text. */
export interface StoredEntry {
  seq: number;
  council_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data_text: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

/** JSON with every object's keys sorted, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface SealedContent {
  councilId: string;
  seq: number;
  /** UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ. */
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** canonicalJson of the entry's data. */
  data: string;
}

/** The text an entry's seal covers: its content, its place, and the seal before it. */
export function sealText(content: SealedContent, previousSeal: string): string {
  return JSON.stringify(['concord-audit-entry/1', content.councilId, content.seq, content.at, content.actorId, content.action, content.entityType, content.entityId, content.data, previousSeal]);
}

/**
 * What the seal of the first sealed entry follows: nothing (zeros), or, in a log begun before
 * the key, the database hash of the last entry written then.
 */
export function sealBefore(previous: { mac: string | null; hash: string } | undefined): string {
  if (!previous) return ZERO_HASH;
  return previous.mac ?? `sha256:${previous.hash}`;
}

/** The database's hash of an entry, as audit_row_hash computes it (0001_foundation). */
export function databaseHash(e: StoredEntry): string {
  const text = [e.prev_hash, e.council_id, String(e.seq), e.at, e.actor_id ?? '', e.action, e.entity_type, e.entity_id ?? '', e.data_text].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function contentOf(e: StoredEntry): SealedContent {
  let data: string;
  try {
    data = canonicalJson(JSON.parse(e.data_text));
  } catch {
    data = e.data_text;
  }
  return { councilId: e.council_id, seq: e.seq, at: e.at, actorId: e.actor_id, action: e.action, entityType: e.entity_type, entityId: e.entity_id, data };
}

/** A signed checkpoint: the council's log had `seq` entries, the last sealed `mac`, at `at`. */
export interface Checkpoint {
  council: string;
  slug: string;
  seq: number;
  mac: string;
  at: string;
  sig: string;
}

export function checkpointText(c: Pick<Checkpoint, 'council' | 'seq' | 'mac' | 'at'>): string {
  return ['concord-audit-checkpoint/1', c.council, String(c.seq), c.mac, c.at].join('\n');
}

export type BreakReason =
  | 'sequence_gap'
  | 'content_changed'
  | 'inserted'
  | 'unsealed'
  | 'link_broken'
  | 'database_hash'
  | 'truncated'
  | 'checkpoint_mismatch'
  | 'checkpoint_invalid';

export interface Break {
  /** The first entry affected. */
  seq: number;
  reason: BreakReason;
  detail?: string;
}

export interface ChainVerdict {
  entries: number;
  /** The highest entry a valid checkpoint vouches for, 0 when none does. */
  sealedTo: number;
  checkpoints: number;
  brokenAt?: Break;
}

/**
 * Checks one council's log, fed its entries in order of `seq`, against the key and the
 * council's checkpoints. Reports the first entry affected by whatever it finds.
 */
export class ChainChecker {
  private expected = 1;
  private previous: StoredEntry | undefined;
  private sealed = false;
  private found: Break | undefined;
  /** A failed seal waits for the next entry: if that one was sealed one place earlier, this one was inserted. */
  private suspect: { entry: StoredEntry; sealBefore: string } | undefined;
  private readonly wanted: Set<number>;
  /** What each checkpointed entry holds: its seal, or for an entry before the key, its database hash. */
  private readonly seen = new Map<number, string>();
  private count = 0;
  private last = 0;

  constructor(
    private readonly key: AuditKey,
    private readonly councilId: string,
    private readonly checkpoints: Array<Checkpoint | { invalid: string }>,
  ) {
    this.wanted = new Set(checkpoints.flatMap((c) => ('seq' in c ? [c.seq] : [])));
  }

  add(entry: StoredEntry): void {
    this.count++;
    this.last = Math.max(this.last, entry.seq);
    if (this.wanted.has(entry.seq)) this.seen.set(entry.seq, sealBefore(entry));
    if (this.found) return;
    if (this.suspect) {
      const { entry: inserted, sealBefore: before } = this.suspect;
      const shifted = entry.mac !== null && this.key.mac(sealText({ ...contentOf(entry), seq: entry.seq - 1 }, before)) === entry.mac;
      this.found = shifted
        ? { seq: inserted.seq, reason: 'inserted', detail: `entry ${entry.seq} was sealed as entry ${entry.seq - 1}` }
        : { seq: inserted.seq, reason: inserted.mac === null ? 'unsealed' : 'content_changed' };
      return;
    }
    if (entry.seq !== this.expected) {
      this.found = { seq: this.expected, reason: 'sequence_gap', detail: entry.seq - 1 > this.expected ? `entries ${this.expected} to ${entry.seq - 1} are missing` : undefined };
      return;
    }
    this.expected++;
    const previous = this.previous;
    this.previous = entry;
    if (entry.mac === null && !this.sealed) {
      // Written before the key, by the database's chain alone: check that chain.
      if (entry.prev_hash !== (previous?.hash ?? ZERO_HASH)) this.found = { seq: entry.seq, reason: 'link_broken' };
      else if (databaseHash(entry) !== entry.hash) this.found = { seq: entry.seq, reason: 'content_changed' };
      return;
    }
    const before = sealBefore(previous);
    const sealedWell = entry.mac !== null && this.sealsAs(entry, before);
    const firstSealed = !this.sealed && previous !== undefined;
    this.sealed = true;
    if (!sealedWell && firstSealed) {
      // Its seal covers the database hash of the last entry before the key, so this is as
      // near as the key can point when those entries were rewritten with their chain.
      this.found = { seq: entry.seq, reason: 'content_changed', detail: `or entries 1 to ${previous.seq}, written before the audit key, were rewritten` };
      return;
    }
    if (!sealedWell) {
      this.suspect = { entry, sealBefore: before };
      return;
    }
    if (entry.prev_hash !== (previous?.hash ?? ZERO_HASH) || databaseHash(entry) !== entry.hash) {
      this.found = { seq: entry.seq, reason: 'database_hash' };
    }
  }

  finish(): ChainVerdict {
    if (this.suspect && !this.found) {
      const { entry } = this.suspect;
      this.found = { seq: entry.seq, reason: entry.mac === null ? 'unsealed' : 'content_changed' };
    }
    const breaks: Break[] = this.found ? [this.found] : [];
    let sealedTo = 0;
    for (const c of this.checkpoints) {
      if (!('seq' in c)) {
        breaks.push({ seq: this.last + 1, reason: 'checkpoint_invalid', detail: c.invalid });
        continue;
      }
      if (c.council !== this.councilId || !this.key.verifySignature(checkpointText(c), c.sig)) {
        breaks.push({ seq: c.seq, reason: 'checkpoint_invalid', detail: `the checkpoint of ${c.at} is not signed with this key` });
        continue;
      }
      const stored = this.seen.get(c.seq);
      if (c.seq > this.last) {
        breaks.push({ seq: this.last + 1, reason: 'truncated', detail: `the checkpoint of ${c.at} sealed ${c.seq} entries` });
      } else if (stored === undefined) {
        breaks.push({ seq: c.seq, reason: 'sequence_gap' });
      } else if (stored !== c.mac) {
        breaks.push({ seq: c.seq, reason: 'checkpoint_mismatch', detail: `it differs from the checkpoint of ${c.at}` });
      } else {
        sealedTo = Math.max(sealedTo, c.seq);
      }
    }
    const brokenAt = breaks.sort((a, b) => a.seq - b.seq)[0];
    return { entries: this.count, sealedTo, checkpoints: this.checkpoints.length, ...(brokenAt ? { brokenAt } : {}) };
  }

  private sealsAs(entry: StoredEntry, before: string): boolean {
    return this.key.mac(sealText(contentOf(entry), before)) === entry.mac;
  }
}
