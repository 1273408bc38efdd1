import { access, constants, mkdir, open, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigError } from '../config/config.js';
import type { Database } from '../db/database.js';
import { queueEmail } from '../notifications/delivery.js';
import { checkpointText, sealBefore, type Checkpoint } from './chain.js';
import type { AuditKey } from './keys.js';
import { every, type Repeating } from '../jobs/every.js';

/**
 * Checkpoints: now and then Concord signs what each council's log holds (how many entries,
 * the last one's seal) and appends it, as a line of JSON, to a file of that council's outside
 * the database. Cutting the log short, or emptying it, then shows against the last checkpoint.
 */

export function checkpointFile(dir: string, councilId: string): string {
  return join(dir, `${councilId}.jsonl`);
}

/** Make the checkpoints folder if need be; one that cannot be written stops start-up, naming it. */
export async function prepareCheckpointDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigError(`The audit checkpoints folder ${dir} cannot be written to (AUDIT_CHECKPOINTS): ${(error as Error).message}`);
  }
}

export type CheckpointLine = Checkpoint | { invalid: string };

/** Every council's checkpoints in the folder, in the order written; a line that is not one says so. */
export async function readCheckpoints(dir: string): Promise<Map<string, CheckpointLine[]>> {
  const result = new Map<string, CheckpointLine[]>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  for (const name of names.filter((n) => n.endsWith('.jsonl')).sort()) {
    const councilId = basename(name, '.jsonl');
    const lines = (await readFile(join(dir, name), 'utf8')).split('\n');
    result.set(
      councilId,
      lines.flatMap((line, i) => (line.trim() === '' ? [] : [parseLine(line, `line ${i + 1} of ${name}`)])),
    );
  }
  return result;
}

function parseLine(line: string, where: string): CheckpointLine {
  try {
    const c = JSON.parse(line) as Record<string, unknown>;
    if (typeof c.council === 'string' && typeof c.slug === 'string' && Number.isSafeInteger(c.seq) && (c.seq as number) > 0 && typeof c.mac === 'string' && typeof c.at === 'string' && typeof c.sig === 'string') {
      return { council: c.council, slug: c.slug, seq: c.seq as number, mac: c.mac, at: c.at, sig: c.sig };
    }
  } catch {
    // reported below
  }
  return { invalid: `${where} is not a checkpoint` };
}

/** Appends one checkpoint and waits until it is on disk. */
export async function appendCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = await open(checkpointFile(dir, checkpoint.council), 'a', 0o644);
  try {
    await file.appendFile(`${JSON.stringify(checkpoint)}\n`);
    await file.datasync();
  } finally {
    await file.close();
  }
}

export interface SealerOptions {
  db: Database;
  key: AuditKey;
  dir: string;
  /** Email each council's latest checkpoint to its Clerk and Monitoring Officer at most this often; 0 never. */
  emailHours?: number;
  now?: () => Date;
  /** Told when a log no longer holds what an earlier checkpoint sealed. */
  onWarning?: (message: string) => void;
}

/**
 * Seals each council's log when it has grown: at start, on a timer, and once more at
 * shutdown. Between seals, entries are sealed one by one (their HMAC), so a change to any of
 * them shows; what a checkpoint adds is that the log cannot lose its latest entries unseen.
 */
export class AuditSealer {
  private readonly last = new Map<string, { seq: number; mac: string }>();
  private readonly emailed = new Map<string, number>();
  private loop: Repeating | undefined;

  constructor(private readonly options: SealerOptions) {}

  /** One round: a checkpoint for each council whose log has grown since its last. */
  async seal(): Promise<Checkpoint[]> {
    const { db, key, dir } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const written: Checkpoint[] = [];
    const councils = await db.system((trx) => trx.selectFrom('councils').select(['id', 'slug', 'name']).orderBy('slug').execute());
    for (const council of councils) {
      const last = await this.lastSealed(council.id);
      const { head, then } = await db.tenant(council.id, async (trx) => ({
        head: await trx.selectFrom('audit_log').select(['seq', 'mac', 'hash']).where('council_id', '=', council.id).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
        then: last ? await trx.selectFrom('audit_log').select(['mac', 'hash']).where('council_id', '=', council.id).where('seq', '=', last.seq).executeTakeFirst() : undefined,
      }));
      if (last && (!then || sealBefore(then) !== last.mac)) {
        this.options.onWarning?.(`The audit log of ${council.slug} no longer holds entry ${last.seq} as it was sealed: run concord audit verify.`);
      }
      if (!head || (last && head.seq <= last.seq)) continue;
      const unsigned = { council: council.id, slug: council.slug, seq: head.seq, mac: sealBefore(head), at: now.toISOString() };
      const checkpoint: Checkpoint = { ...unsigned, sig: key.sign(checkpointText(unsigned)) };
      await appendCheckpoint(dir, checkpoint);
      this.last.set(council.id, { seq: checkpoint.seq, mac: checkpoint.mac });
      written.push(checkpoint);
      await this.email(council, checkpoint, now);
    }
    return written;
  }

  start(intervalMs: number): void {
    this.loop ??= every(intervalMs, () => this.seal(), (error) => this.options.onWarning?.(`Sealing the audit log failed: ${(error as Error).message}`));
  }

  /** Stop the timer and seal once more, so what was written before shutdown is sealed too. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = undefined;
    await this.seal();
  }

  private async lastSealed(councilId: string): Promise<{ seq: number; mac: string } | undefined> {
    const known = this.last.get(councilId);
    if (known) return known;
    let text: string;
    try {
      text = await readFile(checkpointFile(this.options.dir, councilId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let best: { seq: number; mac: string } | undefined;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const c = parseLine(line, '');
      if ('seq' in c && c.council === councilId && this.options.key.verifySignature(checkpointText(c), c.sig) && (!best || c.seq > best.seq)) best = { seq: c.seq, mac: c.mac };
    }
    if (best) this.last.set(councilId, best);
    return best;
  }

  /** A copy outside Concord: to the Clerk and the council's Monitoring Officer, through the outbox. */
  private async email(council: { id: string; slug: string; name: string }, checkpoint: Checkpoint, now: Date): Promise<void> {
    const hours = this.options.emailHours ?? 0;
    if (hours <= 0) return;
    const previous = this.emailed.get(council.id);
    if (previous !== undefined && now.getTime() - previous < hours * 3_600_000) return;
    this.emailed.set(council.id, now.getTime());
    const { db, key } = this.options;
    await db.tenant(council.id, async (trx) => {
      const clerks = await trx.selectFrom('people').select(['id', 'email']).where('council_id', '=', council.id).where('role', '=', 'clerk').where('active', '=', true).execute();
      const officers = await trx
        .selectFrom('external_contacts')
        .select('email')
        .where('council_id', '=', council.id)
        .where('kind', '=', 'monitoring_officer')
        .where('email', '<>', '')
        .execute();
      const recipients = [...clerks.map((p) => ({ id: p.id, email: p.email })), ...officers.map((o) => ({ id: null, email: o.email }))];
      const body = [
        `Concord has sealed the audit log of ${council.name} at entry ${checkpoint.seq}, on ${checkpoint.at}.`,
        '',
        'Please keep this email. If the log were ever cut short or rewritten, this checkpoint shows what it held;',
        '`concord audit verify` checks the log against the copies Concord keeps, and this one is kept by you.',
        '',
        'Checkpoint:',
        JSON.stringify(checkpoint),
        '',
        `Signed with the council's audit key ${key.fingerprint()}, whose public part is:`,
        key.publicKeyPem().trim(),
      ].join('\n');
      for (const to of recipients) await queueEmail(trx, council.id, { to, subject: `Audit log checkpoint: ${council.name}, entry ${checkpoint.seq}`, body });
    });
  }
}
