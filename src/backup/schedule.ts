import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { writeBackup, type BackupResult } from './backup.js';
import { every, type Repeating } from '../jobs/every.js';

/** Backup files the scheduler makes and prunes: `concord-2026-12-02T0930.backup.gz`. */
const SCHEDULED = /^concord-\d{4}-\d{2}-\d{2}T\d{4}\.backup\.gz$/;

export function scheduledBackupName(at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(':', '');
  return `concord-${stamp}.backup.gz`;
}

export interface SchedulerOptions {
  /** The owner's handle: a backup reads every council. */
  db: Database;
  dir: string;
  /** A backup is due when the newest in `dir` is older than this. */
  everyHours: number;
  /** How many scheduled backups to keep; older ones are removed after a new one is whole. */
  keep: number;
  now?: () => Date;
  onBackup?: (result: BackupResult) => void;
  onWarning?: (message: string) => void;
}

/**
 * Backs the deployment up into a folder when the newest backup there is older than the
 * setting, keeping the last few. It looks every few minutes rather than counting from start-up,
 * so a laptop that is switched off each evening still gets its daily backup on the next start.
 */
export class BackupScheduler {
  private loop: Repeating | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** The time of the newest scheduled backup in the folder, if any. */
  async newest(): Promise<Date | undefined> {
    const files = await this.files();
    const last = files.at(-1);
    return last ? (await stat(join(this.options.dir, last))).mtime : undefined;
  }

  /** One look: a backup if one is due, then the oldest removed beyond `keep`. */
  async runIfDue(): Promise<BackupResult | undefined> {
    const now = (this.options.now ?? (() => new Date()))();
    const newest = await this.newest();
    if (newest && now.getTime() - newest.getTime() < this.options.everyHours * 3_600_000) return undefined;
    await mkdir(this.options.dir, { recursive: true });
    const result = await writeBackup(this.options.db, join(this.options.dir, scheduledBackupName(now)), { now });
    await recordBackup(this.options.db, result, now);
    const files = await this.files();
    for (const old of files.slice(0, Math.max(0, files.length - this.options.keep))) await rm(join(this.options.dir, old), { force: true });
    this.options.onBackup?.(result);
    return result;
  }

  start(lookEveryMs = 10 * 60_000): void {
    this.loop ??= every(lookEveryMs, () => this.runIfDue(), (error) => this.options.onWarning?.(`The scheduled backup failed: ${(error as Error).message}`), { now: true });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = undefined;
  }

  private async files(): Promise<string[]> {
    try {
      return (await readdir(this.options.dir)).filter((f) => SCHEDULED.test(f)).sort();
    } catch {
      return [];
    }
  }
}

/**
 * Notes on each council the backup holds when it was made, for the Clerk's home page. This is
 * written after the file is whole, so a failed backup never counts.
 */
export async function recordBackup(db: Database, result: BackupResult, at: Date): Promise<void> {
  await db.system((trx) =>
    trx
      .updateTable('councils')
      .set({ backed_up_at: at.toISOString() })
      .where('slug', 'in', result.councils.length ? result.councils : [''])
      .execute(),
  );
}
